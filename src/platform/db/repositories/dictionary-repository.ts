import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A name editors added so it segments as one word and matches across scripts. */
export interface DictionaryName {
  id: number;
  han: string;
  aliases: string[];
  type: string;
  /** The collection it applies to; null for every collection. */
  collection: string | null;
  createdAt: string;
}

/** The workspace dictionary (aliases stored joined by |, split here). */
export interface DictionaryRepository {
  add(entry: { han: string; aliases: string[]; type: string; collectionId: number | null }, at: string): Promise<void>;
  list(): Promise<DictionaryName[]>;
}

const split = (aliases: string): string[] => aliases.split('|').filter(Boolean);

export const dictionaryRepository = (db: Kysely<Database>): DictionaryRepository => ({
  async add(entry, at) {
    await db.insertInto('dictionary').values({ collection_id: entry.collectionId, han: entry.han, aliases: entry.aliases.join('|'), type: entry.type, created_at: at }).execute();
  },
  async list() {
    const rows = await db
      .selectFrom('dictionary')
      .leftJoin('collections', 'collections.id', 'dictionary.collection_id')
      .select(['dictionary.id', 'dictionary.han', 'dictionary.aliases', 'dictionary.type', 'collections.name as collection', 'dictionary.created_at'])
      .orderBy('dictionary.id')
      .execute();
    return rows.map((r) => ({ id: r.id, han: r.han, aliases: split(r.aliases), type: r.type, collection: r.collection, createdAt: r.created_at }));
  },
});
