import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * A saved watch-list, its JSON decoded. The results are the search stage's (search/watchlist.ts
 * WatchlistResult[]): platform does not import stages, so the caller names their type.
 */
export interface SavedWatchlist<R = unknown> {
  id: number;
  name: string;
  userId: number | null;
  names: string[];
  results: R[] | null;
  ranAt: string | null;
  createdAt: string;
}

/** Watch-lists as the workbench keeps them: each its owner's (`owner` undefined: every list, for admins). */
export interface SavedWatchlistsRepository {
  byId<R>(id: number, owner: number | undefined): Promise<SavedWatchlist<R> | null>;
  /** Lists newest first, with how many names each holds. */
  list(owner: number | undefined): Promise<Array<{ id: number; name: string; names: number; ranAt: string | null; createdAt: string }>>;
  add(list: { name: string; userId: number; names: string[] }): Promise<number>;
  /** Store a run's results and when it ended. */
  storeResults(id: number, results: unknown[]): Promise<void>;
}

const names = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
};

export const savedWatchlistsRepository = (db: Kysely<Database>): SavedWatchlistsRepository => ({
  async byId<R>(id: number, owner: number | undefined): Promise<SavedWatchlist<R> | null> {
    let query = db.selectFrom('watchlists').selectAll().where('id', '=', id);
    if (owner !== undefined) query = query.where('user_id', '=', owner);
    const row = await query.executeTakeFirst();
    if (!row) return null;
    return { id: row.id, name: row.name, userId: row.user_id, names: names(row.names), results: row.results ? (JSON.parse(row.results) as R[]) : null, ranAt: row.ran_at, createdAt: row.created_at };
  },
  async list(owner) {
    let query = db.selectFrom('watchlists').select(['id', 'name', 'names', 'ran_at', 'created_at']).orderBy('id', 'desc');
    if (owner !== undefined) query = query.where('user_id', '=', owner);
    return (await query.execute()).map((l) => ({ id: l.id, name: l.name, names: names(l.names).length, ranAt: l.ran_at, createdAt: l.created_at }));
  },
  async add(list) {
    const row = await db
      .insertInto('watchlists')
      .values({ name: list.name, user_id: list.userId, names: JSON.stringify(list.names), results: null, ran_at: null, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  async storeResults(id, results) {
    await db.updateTable('watchlists').set({ results: JSON.stringify(results), ran_at: new Date().toISOString() }).where('id', '=', id).execute();
  },
});
