import type SQLite from 'better-sqlite3';

/** How many distinct SQL texts keep their prepared statement (queries with `in (?, ?, …)` of varying length are distinct). */
const MAX_STATEMENTS = 500;

/**
 * Kysely's SQLite driver prepares every query afresh; preparing is the largest single cost of a
 * public page's reads (docs/perf/site-profile.md). This hands it the same prepared statement for
 * the same SQL text. Safe because kysely runs each statement to completion (all/run within one
 * call; nothing here streams) and better-sqlite3 re-prepares a statement itself when the schema changes.
 */
export function withStatementCache(db: SQLite.Database): SQLite.Database {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, SQLite.Statement>();
  const cached = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as SQLite.Database['prepare'];
  return new Proxy(db, {
    get: (target, key) => {
      if (key === 'prepare') return cached;
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
