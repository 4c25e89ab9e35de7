import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A mention as stored: `entity` names the entity it resolves to by its key, created when new. */
export interface MentionWrite {
  page: number;
  start: number;
  end: number;
  text: string;
  type: string;
  entity?: { key: string; name: string; confidence: number };
  value?: unknown;
  confidence?: number;
}

/**
 * The writes an ingest makes for every document: its pages, its facet columns and its mentions.
 * They run inside the transaction that records a batch of outcomes. Rows go in as multi-row
 * INSERTs on both backends; on SQLite each statement text is prepared once per connection and
 * re-bound (platform/db/statement-cache.ts), so a slice size seen before costs no prepare.
 */
export interface IngestWritesRepository {
  /** Replace a document's stored text, one row per page. */
  replacePages(documentId: number, pages: Array<{ page: number; text: string }>): Promise<void>;
  /** The facets search filters on, from the document's analysis. */
  setFacets(documentId: number, facets: { lang: string | null; date: string | null; sender: string | null }): Promise<void>;
  /**
   * Replace a document's mentions, creating the entity of each named mention by its resolution key
   * (type + key) when it is new. Entities whose last mention goes are left for the resolution pass.
   */
  replaceMentions(documentId: number, mentions: MentionWrite[]): Promise<void>;
  /** Record which boilerplate lines the document's index rows were split by (0: none). */
  setBoilerplate(documentId: number, fingerprint: number): Promise<void>;
}

/** Rows per INSERT: below SQLite's 32,766 bound values (and PostgreSQL's 65,535) for every table here. */
const SLICE = 500;

function* slices<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += SLICE) yield rows.slice(i, i + SLICE);
}

const entityKey = (type: string, key: string) => `${type}\u0000${key}`;

export const ingestWritesRepository = (db: Kysely<Database>): IngestWritesRepository => ({
  async replacePages(documentId, pages) {
    await db.deleteFrom('pages').where('document_id', '=', documentId).execute();
    for (const rows of slices(pages)) await db.insertInto('pages').values(rows.map((p) => ({ document_id: documentId, page: p.page, text: p.text }))).execute();
  },

  async setFacets(documentId, facets) {
    await db.updateTable('documents').set(facets).where('id', '=', documentId).execute();
  },

  async setBoilerplate(documentId, fingerprint) {
    if (fingerprint === 0) await db.deleteFrom('boilerplate_indexed').where('document_id', '=', documentId).execute();
    else await db.insertInto('boilerplate_indexed').values({ document_id: documentId, fingerprint }).onConflict((oc) => oc.column('document_id').doUpdateSet({ fingerprint })).execute();
  },

  async replaceMentions(documentId, mentions) {
    await db.deleteFrom('mentions').where('document_id', '=', documentId).execute();
    if (mentions.length === 0) return;
    const now = new Date().toISOString();
    // Each entity once, with the first spelling seen as its first alias (as one insert per mention did).
    const named = new Map<string, { type: string; key: string; name: string; alias: string; confidence: number }>();
    for (const m of mentions) {
      if (m.entity && !named.has(entityKey(m.type, m.entity.key))) named.set(entityKey(m.type, m.entity.key), { type: m.type, key: m.entity.key, name: m.entity.name, alias: m.text, confidence: m.entity.confidence });
    }
    const ids = new Map<string, number>();
    for (const rows of slices([...named.values()])) {
      await db
        .insertInto('entities')
        .values(rows.map((e) => ({ type: e.type, key: e.key, name: e.name, aliases: JSON.stringify([e.alias]), confidence: e.confidence, created_at: now })))
        .onConflict((oc) => oc.columns(['type', 'key']).doNothing())
        .execute();
      // By type, then key: the unique index on (type, key) answers each lookup.
      for (const type of new Set(rows.map((e) => e.type))) {
        const keys = [...new Set(rows.filter((e) => e.type === type).map((e) => e.key))];
        const found = await db.selectFrom('entities').select(['id', 'key']).where('type', '=', type).where('key', 'in', keys).execute();
        for (const f of found) ids.set(entityKey(type, f.key), f.id);
      }
    }
    const rows = mentions.map((m) => ({
      document_id: documentId,
      page: m.page,
      start: m.start,
      end: m.end,
      text: m.text,
      type: m.type,
      entity_id: m.entity ? (ids.get(entityKey(m.type, m.entity.key)) ?? null) : null,
      value: m.value ? JSON.stringify(m.value) : null,
      confidence: m.confidence ?? 1,
    }));
    for (const slice of slices(rows)) await db.insertInto('mentions').values(slice).execute();
  },
});
