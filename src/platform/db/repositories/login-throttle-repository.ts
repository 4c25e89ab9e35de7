import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Failed sign-ins, counted in the database so that every server process behind a proxy sees the
 * same lock-outs (see accounts/login-throttle.ts for the policy). Keys are `name:…` or `address:…`;
 * times are ms since 1970. Counting is one upsert, so two processes failing at once both count.
 */
export interface LoginThrottleRepository {
  /** The latest lock-out end among these keys (0 when none is locked). */
  lockedUntil(keys: string[]): Promise<number>;
  /** Count one failure; a counter idle since `forgetBefore` and not locked starts again at 1. Returns the count. */
  countFailure(key: string, now: number, forgetBefore: number): Promise<number>;
  /** Lock a key until a time (never shortening a longer lock). */
  lock(key: string, until: number): Promise<void>;
  clear(key: string): Promise<void>;
  /** Drop counters idle since `forgetBefore` whose lock-out is over. */
  sweep(now: number, forgetBefore: number): Promise<void>;
}

export const loginThrottleRepository = (db: Kysely<Database>): LoginThrottleRepository => ({
  async lockedUntil(keys) {
    if (keys.length === 0) return 0;
    const row = await db.selectFrom('login_failures').select((eb) => eb.fn.max('locked_until').as('until')).where('key', 'in', keys).executeTakeFirst();
    return Number(row?.until ?? 0);
  },
  async countFailure(key, now, forgetBefore) {
    const row = await db
      .insertInto('login_failures')
      .values({ key, failures: 1, last_at: now, locked_until: 0 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`CASE WHEN login_failures.last_at < ${forgetBefore} AND login_failures.locked_until <= ${now} THEN 1 ELSE login_failures.failures + 1 END`,
          last_at: now,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    return Number(row.failures);
  },
  async lock(key, until) {
    await db.updateTable('login_failures').set({ locked_until: until }).where('key', '=', key).where('locked_until', '<', until).execute();
  },
  async clear(key) {
    await db.deleteFrom('login_failures').where('key', '=', key).execute();
  },
  async sweep(now, forgetBefore) {
    await db.deleteFrom('login_failures').where('last_at', '<', forgetBefore).where('locked_until', '<=', now).execute();
  },
});
