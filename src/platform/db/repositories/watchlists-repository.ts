import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * A saved watch-list, JSON decoded. Its results are the search stage's WatchlistResult[]
 * (platform does not import stages: the caller names the type).
 */
export interface Watchlist<R = unknown> {
  id: number;
  name: string;
  userId: number | null;
  names: string[];
  results: R[] | null;
  ranAt: string | null;
  createdAt: string;
}

/** Watch-lists as the command line keeps them (every list: the operator owns the workspace). */
export interface WatchlistsRepository {
  create(list: { name: string; userId: number | null; names: string[] }, at: string): Promise<number>;
  byId<R>(id: number): Promise<Watchlist<R> | null>;
  /** Every list, oldest first. */
  list(): Promise<Array<Omit<Watchlist, 'results'>>>;
  saveResults(id: number, results: unknown[], ranAt: string): Promise<void>;
}

const strings = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
};

export const watchlistsRepository = (db: Kysely<Database>): WatchlistsRepository => ({
  async create(list, at) {
    const row = await db
      .insertInto('watchlists')
      .values({ name: list.name, user_id: list.userId, names: JSON.stringify(list.names), results: null, ran_at: null, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  async byId<R>(id: number) {
    const row = await db.selectFrom('watchlists').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return { id: row.id, name: row.name, userId: row.user_id, names: strings(row.names), results: row.results ? (JSON.parse(row.results) as R[]) : null, ranAt: row.ran_at, createdAt: row.created_at };
  },
  async list() {
    const rows = await db.selectFrom('watchlists').select(['id', 'name', 'user_id', 'names', 'ran_at', 'created_at']).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, userId: r.user_id, names: strings(r.names), ranAt: r.ran_at, createdAt: r.created_at }));
  },
  async saveResults(id, results, ranAt) {
    await db.updateTable('watchlists').set({ results: JSON.stringify(results), ran_at: ranAt }).where('id', '=', id).execute();
  },
});
