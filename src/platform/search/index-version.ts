import type SQLite from 'better-sqlite3';

/**
 * A reader of a token that changes whenever the search index is written, from any connection:
 * FTS5's structure record (its segments and write counter change at every commit that touched
 * the index) and its averages record (row and token totals). A search thread compares it before
 * each query and drops what it remembered about the index (document frequencies, the last query's
 * matches) when it changed. Not SQLite's data_version: every search appends to the audit log,
 * which would change that every time.
 */
export function searchIndexVersion(raw: SQLite.Database): () => string {
  const statement = raw.prepare('SELECT hex(block) FROM search_index_data WHERE id IN (1, 10) ORDER BY id').pluck();
  return () => (statement.all() as string[]).join('.');
}
