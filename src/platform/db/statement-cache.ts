import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * The SQLite connection as Kysely sees it, with prepared statements kept and reused by their SQL
 * text (the most recent `size`): Kysely prepares every query anew, which cost a search about 3 %
 * of its time (docs/perf/search-profile.md). A statement still being read (an open iterator) is
 * never handed out twice: a fresh one is prepared for the second reader.
 */
export function withStatementCache(raw: SQLite.Database, size = 256): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare: (text: string) => {
      const kept = cache.get(text);
      if (kept && !kept.busy) {
        cache.delete(text); // most recently used last
        cache.set(text, kept);
        return kept;
      }
      const statement = raw.prepare(text);
      if (!kept) {
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}
