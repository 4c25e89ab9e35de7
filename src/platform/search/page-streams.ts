import { sql, type Kysely } from 'kysely';
import { SEARCH_COLUMNS } from '../../domain/search.js';
import type { Database } from '../db/schema.js';

const BODY = SEARCH_COLUMNS.indexOf('b_norm');
const TITLE = SEARCH_COLUMNS.indexOf('t_norm');

/** A page's folded title and body streams, as stored in FTS5's content table. */
export interface PageStreams {
  title: string | null;
  body: string | null;
}

/**
 * The stored title and body streams of the re-ranked pages of one query, read by key once:
 * proximity and feedback re-ranking read the same best rows, and each asks here, so a page read
 * for the one is not read again for the other.
 */
export class QueryPageStreams {
  private readonly known = new Map<number, PageStreams>();

  constructor(private readonly db: Kysely<Database>) {}

  /** The streams of these pages (a page the index lacks is absent). */
  async of(ids: readonly number[]): Promise<ReadonlyMap<number, PageStreams>> {
    const missing = ids.filter((id) => !this.known.has(id));
    if (missing.length) {
      const content = sql.raw(`c${TITLE} AS title, c${BODY} AS body`);
      const rows = (await sql<{ id: number; title: string | null; body: string | null }>`
        SELECT id, ${content} FROM search_index_content WHERE id IN (SELECT value FROM json_each(${JSON.stringify(missing)}))`.execute(this.db)).rows;
      for (const r of rows) this.known.set(Number(r.id), { title: r.title, body: r.body });
    }
    return this.known;
  }
}
