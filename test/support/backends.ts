/**
 * The two database backends for contract suites: a fresh SQLite file, and a fresh database on a
 * real PostgreSQL 15 started for the test file (test/support/postgres.ts). Each `open()` is one
 * more connection (pool) to the same database, as a second process would have.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import { openPostgresDatabase } from '../../src/platform/db/postgres.js';
import { postgresRecords, sqliteRecords, type Records } from '../../src/platform/db/records.js';
import type { Database } from '../../src/platform/db/schema.js';
import { openSqliteDatabase } from '../../src/platform/db/sqlite.js';
import { makeTempDir, removeDir } from './cli.js';
import { postgresAvailable, startPostgres, type TestPostgres } from './postgres.js';

export interface OpenedBackend {
  db: Kysely<Database>;
  records: Records;
  close(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Create the empty database (migrated on first open). */
  setup(): Promise<void>;
  open(): Promise<OpenedBackend>;
  teardown(): Promise<void>;
}

export function sqliteBackend(): Backend {
  let dir = '';
  return {
    name: 'sqlite',
    async setup() {
      dir = makeTempDir('dossier-contract-');
    },
    async open() {
      const handle = await openSqliteDatabase(path.join(dir, 'dossier.db'));
      return { db: handle.db, records: sqliteRecords(handle.db), close: () => handle.close() };
    },
    async teardown() {
      removeDir(dir);
    },
  };
}

export function postgresBackend(): Backend {
  let server: TestPostgres | null = null;
  let url = '';
  return {
    name: 'postgres',
    async setup() {
      server = startPostgres();
      url = server.createDatabase();
    },
    async open() {
      const handle = await openPostgresDatabase(url);
      return { db: handle.db, records: postgresRecords(handle.db), close: () => handle.close() };
    },
    async teardown() {
      server?.stop();
    },
  };
}

/** Both backends. PostgreSQL 15 must be installed (.ci/run installs Debian's postgresql). */
export function backends(): Backend[] {
  if (!postgresAvailable()) throw new Error('PostgreSQL 15 is not installed: apt-get install postgresql (see .ci/run)');
  return [sqliteBackend(), postgresBackend()];
}
