import type SQLite from 'better-sqlite3';

/** Statements kept per connection: enough for every fixed query; varying IN-lists and multi-row inserts come and go. */
const CAPACITY = 1000;

/**
 * The connection as Kysely's SQLite driver sees it, with `prepare` answered from a cache keyed by
 * the SQL text. The driver prepares every query anew, and SQLite's prepare (parse, plan) cost the
 * ingest more than the inserts it prepared (docs/perf/ingest-profile.md): a statement is now
 * prepared once per connection and only re-bound. A statement still iterating (a streamed query)
 * is busy and cannot be re-bound: the same SQL then gets a fresh one.
 */
export function withStatementCache(raw: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      // Most recently used last, so the oldest is evicted first.
      cache.delete(source);
      cache.set(source, hit);
      return hit;
    }
    const fresh = raw.prepare(source);
    if (hit) return fresh;
    cache.set(source, fresh);
    if (cache.size > CAPACITY) cache.delete(cache.keys().next().value!);
    return fresh;
  };
  return new Proxy(raw, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
