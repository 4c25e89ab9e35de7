import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Run a write in one transaction: `fn` receives the transaction's handle; everything it does,
 * the records and the audit entry, commits or rolls back together. Injected into commands.
 */
export type Transact = <T>(fn: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

/**
 * SQLite: an IMMEDIATE transaction takes the write lock at BEGIN, so a command reading the
 * audit chain's last hash and appending to it cannot interleave with another process's write
 * (a deferred transaction would fail with SQLITE_BUSY when it upgrades). Kysely's SQLite driver
 * runs one connection, so the process serialises its own transactions.
 */
export function sqliteTransact(db: Kysely<Database>): Transact {
  return <T>(fn: (trx: Kysely<Database>) => Promise<T>) =>
    db.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (error) {
        await sql`ROLLBACK`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
}

/**
 * PostgreSQL: an ordinary READ COMMITTED transaction on one pooled connection. Commands from many
 * processes run at once; what must be serial (the audit chain's append) takes its own advisory
 * lock inside the transaction (see repositories/audit-repository.ts), held until commit.
 */
export function postgresTransact(db: Kysely<Database>): Transact {
  return <T>(fn: (trx: Kysely<Database>) => Promise<T>) => db.transaction().execute((trx) => fn(trx));
}
