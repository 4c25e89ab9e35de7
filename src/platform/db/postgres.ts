import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DossierError } from '../../domain/errors.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

export interface PostgresHandle {
  db: Kysely<Database>;
  /** The driver's pool, for LISTEN/NOTIFY and the search index's raw statements. */
  pool: pg.Pool;
  close(): Promise<void>;
}

// int8 (bigint columns, count(*)) and numeric come back as strings by default; Dossier's counts
// and sizes stay far below 2^53, and every caller (written for SQLite) expects numbers.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/:\/\/([^:@/]*):[^@/]*@/, '://$1:…@');
}

/**
 * Open a PostgreSQL database (postgres://user:password@host:port/name, or ?host=/socket/dir) and
 * bring its schema up to date with the same migrations as SQLite. Kysely's migrator takes a lock
 * table row, so two processes starting together migrate once.
 */
export async function openPostgresDatabase(url: string, poolSize = 10): Promise<PostgresHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // An idle client's connection may drop (server restart); the pool replaces it on next use.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new DossierError('io_error', `cannot connect to PostgreSQL at ${redactUrl(url)}: ${(cause as Error).message}`, { cause });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new DossierError('io_error', `database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return { db, pool, close: () => db.destroy() };
}
