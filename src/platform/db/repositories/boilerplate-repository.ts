import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A repeated line of a collection, as listed. */
export interface BoilerplateEntry {
  collection: string;
  key: string;
  text: string;
  documents: number;
}

/** Counting and indexing marks of a collection's boilerplate (table boilerplate_state). */
export interface BoilerplateState {
  countedThrough: number;
  indexedThrough: number;
  documents: number;
}

/** Boilerplate lines per collection (table boilerplate_blocks) and what detecting them reads. */
export interface BoilerplateRepository {
  /** Replace a collection's lines with a fresh detection. */
  replace(collectionId: number, blocks: Array<{ key: string; text: string; documents: number }>): Promise<void>;
  /** Lines, most repeated first; one collection (by name) or all. */
  list(collection?: string): Promise<BoilerplateEntry[]>;
  /** The keys of a collection's lines, for the index. */
  keys(collectionId: number): Promise<Set<string>>;
  /** The keys of each document's collection (one set per collection, shared), for snippets. */
  keysByDocument(documentIds: number[]): Promise<Map<number, ReadonlySet<string>>>;
  /** The collection a document is in (null when it is gone). */
  collectionOf(documentId: number): Promise<number | null>;
  /** Collections by name (all when no name is given). */
  collections(name?: string): Promise<Array<{ id: number; name: string }>>;
  /** The readable documents of a collection, by id; only those after `after` when given. */
  documentIds(collectionId: number, after?: number): Promise<number[]>;
  /** How far counting and indexing have got in a collection (zeros before the first count). */
  state(collectionId: number): Promise<BoilerplateState>;
  /**
   * Add a batch's line counts (multi-row upserts; a line's key and text are stored from its
   * second document on) and move the collection's counting mark, in the caller's transaction.
   */
  addCounts(collectionId: number, lines: Array<{ hash: number; key: string; text: string; documents: number }>, counted: { through: number; documents: number }): Promise<void>;
  /** Forget a collection's counts (a recount follows); the indexing mark stays. */
  clearCounts(collectionId: number): Promise<void>;
  /** Lines carried by at least `minDocuments` documents, most first. */
  repeated(collectionId: number, minDocuments: number): Promise<Array<{ key: string; text: string; documents: number }>>;
  /** Which lines each document's index rows were split by (documents without a row: none, 0). */
  fingerprints(documentIds: number[]): Promise<Map<number, number>>;
  /** Every document up to this id is indexed knowing the collection's current blocks. */
  setIndexedThrough(collectionId: number, through: number): Promise<void>;
  /** The page texts of these documents, grouped by document. */
  pageTexts(documentIds: number[]): Promise<Map<number, string[]>>;
}

export const boilerplateRepository = (db: Kysely<Database>): BoilerplateRepository => ({
  async replace(collectionId, blocks) {
    await db.deleteFrom('boilerplate_blocks').where('collection_id', '=', collectionId).execute();
    for (let i = 0; i < blocks.length; i += 200) {
      const chunk = blocks.slice(i, i + 200).map((b) => ({ collection_id: collectionId, key: b.key, text: b.text, documents: b.documents }));
      if (chunk.length) await db.insertInto('boilerplate_blocks').values(chunk).execute();
    }
  },
  async list(collection) {
    let query = db.selectFrom('boilerplate_blocks as b').innerJoin('collections as c', 'c.id', 'b.collection_id').select(['c.name as collection', 'b.key', 'b.text', 'b.documents']);
    if (collection !== undefined) query = query.where('c.name', '=', collection);
    return query.orderBy('c.name').orderBy('b.documents', 'desc').orderBy('b.key').execute();
  },
  async keys(collectionId) {
    return new Set((await db.selectFrom('boilerplate_blocks').select('key').where('collection_id', '=', collectionId).execute()).map((r) => r.key));
  },
  async keysByDocument(documentIds) {
    const out = new Map<number, ReadonlySet<string>>();
    if (documentIds.length === 0) return out;
    const rows = await db.selectFrom('documents').select(['id', 'collection_id']).where('id', 'in', documentIds).execute();
    const sets = new Map<number, Set<string>>();
    for (const collection of new Set(rows.map((r) => r.collection_id))) sets.set(collection, new Set((await db.selectFrom('boilerplate_blocks').select('key').where('collection_id', '=', collection).execute()).map((r) => r.key)));
    for (const r of rows) out.set(r.id, sets.get(r.collection_id)!);
    return out;
  },
  async collectionOf(documentId) {
    return (await db.selectFrom('documents').select('collection_id').where('id', '=', documentId).executeTakeFirst())?.collection_id ?? null;
  },
  async collections(name) {
    let query = db.selectFrom('collections').select(['id', 'name']);
    if (name !== undefined) query = query.where('name', '=', name);
    return query.orderBy('name').execute();
  },
  async documentIds(collectionId, after) {
    let query = db.selectFrom('documents').select('id').where('collection_id', '=', collectionId).where('status', '=', 'ok');
    if (after !== undefined) query = query.where('id', '>', after);
    return (await query.orderBy('id').execute()).map((r) => r.id);
  },
  async state(collectionId) {
    const row = await db.selectFrom('boilerplate_state').select(['counted_through', 'indexed_through', 'documents']).where('collection_id', '=', collectionId).executeTakeFirst();
    return { countedThrough: row?.counted_through ?? 0, indexedThrough: row?.indexed_through ?? 0, documents: row?.documents ?? 0 };
  },
  async addCounts(collectionId, lines, counted) {
    for (let i = 0; i < lines.length; i += 400) {
      const chunk = lines.slice(i, i + 400);
      // Which lines are known already: only those (and lines seen twice in this batch) need their key stored.
      const known = new Set((await db.selectFrom('boilerplate_lines').select('hash').where('collection_id', '=', collectionId).where('hash', 'in', chunk.map((l) => l.hash)).execute()).map((r) => Number(r.hash)));
      const rows = chunk.map((l) => {
        const keep = l.documents >= 2 || known.has(l.hash);
        return { collection_id: collectionId, hash: l.hash, documents: l.documents, key: keep ? l.key : null, text: keep ? l.text : null };
      });
      await db
        .insertInto('boilerplate_lines')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['collection_id', 'hash']).doUpdateSet({
            documents: sql`boilerplate_lines.documents + excluded.documents`,
            key: sql`COALESCE(boilerplate_lines.key, excluded.key)`,
            text: sql`COALESCE(boilerplate_lines.text, excluded.text)`,
          }),
        )
        .execute();
    }
    await db
      .insertInto('boilerplate_state')
      .values({ collection_id: collectionId, counted_through: counted.through, indexed_through: 0, documents: counted.documents })
      .onConflict((oc) => oc.column('collection_id').doUpdateSet({ counted_through: counted.through, documents: counted.documents }))
      .execute();
  },
  async clearCounts(collectionId) {
    await db.deleteFrom('boilerplate_lines').where('collection_id', '=', collectionId).execute();
    await db.updateTable('boilerplate_state').set({ counted_through: 0, documents: 0 }).where('collection_id', '=', collectionId).execute();
  },
  async repeated(collectionId, minDocuments) {
    const rows = await db.selectFrom('boilerplate_lines').select(['key', 'text', 'documents']).where('collection_id', '=', collectionId).where('key', 'is not', null).where('documents', '>=', minDocuments).orderBy('documents', 'desc').orderBy('key').execute();
    return rows.map((r) => ({ key: r.key!, text: r.text ?? r.key!, documents: r.documents }));
  },
  async fingerprints(documentIds) {
    const out = new Map<number, number>();
    for (let i = 0; i < documentIds.length; i += 500) {
      const rows = await db.selectFrom('boilerplate_indexed').select(['document_id', 'fingerprint']).where('document_id', 'in', documentIds.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.document_id, Number(r.fingerprint));
    }
    return out;
  },
  async setIndexedThrough(collectionId, through) {
    await db
      .insertInto('boilerplate_state')
      .values({ collection_id: collectionId, counted_through: 0, indexed_through: through, documents: 0 })
      .onConflict((oc) => oc.column('collection_id').doUpdateSet({ indexed_through: through }))
      .execute();
  },
  async pageTexts(documentIds) {
    const out = new Map<number, string[]>();
    if (documentIds.length === 0) return out;
    const rows = await db.selectFrom('pages').select(['document_id', 'text']).where('document_id', 'in', documentIds).orderBy('document_id').orderBy('page').execute();
    for (const r of rows) {
      const list = out.get(r.document_id) ?? [];
      list.push(r.text);
      out.set(r.document_id, list);
    }
    return out;
  },
});
