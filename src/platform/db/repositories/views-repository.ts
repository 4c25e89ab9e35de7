import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Cookie-less view counts of stories, and the site's secrets (token key, the day's salt). */
export interface ViewsRepository {
  /** The time of this visitor's last counted view of the story at or after `since`, if any. */
  lastView(storyId: number, visitor: string, since: string): Promise<string | null>;
  add(storyId: number, visitor: string, at: string): Promise<void>;
  /** Views per story: since a time, and in all. */
  counts(since: string): Promise<Array<{ storyId: number; recent: number; total: number }>>;
  secret(name: string): Promise<{ value: string; createdAt: string } | null>;
  /** Set a secret (replacing the old value, which is then gone). */
  putSecret(name: string, value: string): Promise<void>;
}

export const viewsRepository = (db: Kysely<Database>): ViewsRepository => ({
  async lastView(storyId, visitor, since) {
    const row = await db.selectFrom('story_views').select('at').where('visitor', '=', visitor).where('story_id', '=', storyId).where('at', '>=', since).orderBy('at', 'desc').limit(1).executeTakeFirst();
    return row?.at ?? null;
  },
  async add(storyId, visitor, at) {
    await db.insertInto('story_views').values({ story_id: storyId, visitor, at }).execute();
  },
  async counts(since) {
    const rows = await db
      .selectFrom('story_views')
      .select((eb) => ['story_id', eb.fn.countAll<number>().as('total'), eb.fn.sum<number>(eb.case().when('at', '>=', since).then(1).else(0).end()).as('recent')])
      .groupBy('story_id')
      .execute();
    return rows.map((r) => ({ storyId: r.story_id, recent: Number(r.recent ?? 0), total: Number(r.total) }));
  },
  async secret(name) {
    const row = await db.selectFrom('site_secrets').select(['value', 'created_at']).where('name', '=', name).executeTakeFirst();
    return row ? { value: row.value, createdAt: row.created_at } : null;
  },
  async putSecret(name, value) {
    const created_at = new Date().toISOString();
    await db.insertInto('site_secrets').values({ name, value, created_at }).onConflict((oc) => oc.column('name').doUpdateSet({ value, created_at })).execute();
  },
});
