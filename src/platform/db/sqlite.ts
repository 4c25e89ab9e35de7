import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { withStatementCache } from './statement-cache.js';
import { DossierError } from '../../domain/errors.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

export interface SqliteHandle {
  db: Kysely<Database>;
  /** The raw connection, for the SQLite-only search index. */
  raw: SQLite.Database;
  close(): Promise<void>;
}

/** Open (creating if needed) the workspace database and bring its schema up to date. */
export async function openSqliteDatabase(file: string): Promise<SqliteHandle> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let raw: SQLite.Database;
  try {
    raw = new SQLite(file);
  } catch (cause) {
    throw new DossierError('io_error', `cannot open database ${file}: ${(cause as Error).message}`, { cause });
  }
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new DossierError('io_error', `database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return {
    db,
    raw,
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * A second connection to a workspace database another connection has opened and migrated (a
 * search thread's): no migration; only read through (not `query_only`: searching creates a temp
 * fts5vocab table, proximity-rerank.ts). WAL lets it read while the main connection writes.
 */
export function openSqliteReader(file: string): SqliteHandle {
  let raw: SQLite.Database;
  try {
    raw = new SQLite(file, { fileMustExist: true });
  } catch (cause) {
    throw new DossierError('io_error', `cannot open database ${file}: ${(cause as Error).message}`, { cause });
  }
  raw.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  return { db, raw, close: () => db.destroy() };
}
