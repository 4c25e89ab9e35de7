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

/**
 * Watch-lists: the command line's (every list: the operator owns the workspace) and the
 * workbench's (each its owner's; `owner` undefined: every list, for admins).
 */
export interface WatchlistsRepository {
  create(list: { name: string; userId: number | null; names: string[] }, at: string): Promise<number>;
  byId<R>(id: number, owner?: number): Promise<Watchlist<R> | null>;
  /** Every list, oldest first. */
  list(): Promise<Array<Omit<Watchlist, 'results'>>>;
  /** The lists `owner` may see, newest first, with how many names each holds. */
  summaries(owner: number | undefined): Promise<Array<{ id: number; name: string; names: number; ranAt: string | null; createdAt: string }>>;
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
  async byId<R>(id: number, owner?: number) {
    let query = db.selectFrom('watchlists').selectAll().where('id', '=', id);
    if (owner !== undefined) query = query.where('user_id', '=', owner);
    const row = await query.executeTakeFirst();
    if (!row) return null;
    return { id: row.id, name: row.name, userId: row.user_id, names: strings(row.names), results: row.results ? (JSON.parse(row.results) as R[]) : null, ranAt: row.ran_at, createdAt: row.created_at };
  },
  async list() {
    const rows = await db.selectFrom('watchlists').select(['id', 'name', 'user_id', 'names', 'ran_at', 'created_at']).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, userId: r.user_id, names: strings(r.names), ranAt: r.ran_at, createdAt: r.created_at }));
  },
  async summaries(owner) {
    let query = db.selectFrom('watchlists').select(['id', 'name', 'names', 'ran_at', 'created_at']).orderBy('id', 'desc');
    if (owner !== undefined) query = query.where('user_id', '=', owner);
    return (await query.execute()).map((l) => ({ id: l.id, name: l.name, names: strings(l.names).length, ranAt: l.ran_at, createdAt: l.created_at }));
  },
  async saveResults(id, results, ranAt) {
    await db.updateTable('watchlists').set({ results: JSON.stringify(results), ran_at: ranAt }).where('id', '=', id).execute();
  },
});
