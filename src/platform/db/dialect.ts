import type { Kysely } from 'kysely';

/** True when the handle talks to PostgreSQL (else SQLite): for the few statements that differ. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: only the adapter is read
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

/**
 * Advisory lock keys (PostgreSQL): one per whole-database step that must not run twice at once.
 * Taken with pg_advisory_xact_lock, released at commit.
 */
export const ADVISORY_LOCKS = {
  /** The audit chain: read the last hash, append, in one transaction at a time. */
  audit: 0x0d055101,
  /** Entity resolution over the whole database. */
  resolveEntities: 0x0d055102,
} as const;
