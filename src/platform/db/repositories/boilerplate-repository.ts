import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A repeated line of a collection, as listed. */
export interface BoilerplateEntry {
  collection: string;
  key: string;
  text: string;
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
  /** The readable documents of a collection, by id. */
  documentIds(collectionId: number): Promise<number[]>;
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
  async documentIds(collectionId) {
    return (await db.selectFrom('documents').select('id').where('collection_id', '=', collectionId).where('status', '=', 'ok').orderBy('id').execute()).map((r) => r.id);
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
