import type { Kysely, Selectable } from 'kysely';
import type { ContextLink, Story, StoryFields, StoryStatus } from '../../../domain/story.js';
import type { Database, StoriesTable } from '../schema.js';

/** Stories of the public site. */
export interface StoriesRepository {
  bySlug(slug: string): Promise<Story | null>;
  list(options?: { status?: StoryStatus }): Promise<Story[]>;
  /** Insert a new story or replace the fields of the draft or published story with this slug. */
  save(fields: StoryFields, image: { sha256: string; mime: string } | null): Promise<{ story: Story; created: boolean }>;
  setStatus(id: number, status: StoryStatus): Promise<void>;
}

const parse = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export function toStory(row: Selectable<StoriesTable>): Story {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    dek: row.dek,
    byline: row.byline,
    date: row.date,
    image: row.image_sha256 && row.image_mime ? { sha256: row.image_sha256, mime: row.image_mime } : null,
    imageAlt: row.image_alt,
    imageCredit: row.image_credit,
    takeaways: parse<string[]>(row.takeaways, []),
    context: parse<ContextLink[]>(row.context, []),
    comments: row.comments === 'open' ? 'open' : 'closed',
    tags: parse<string[]>(row.tags, []),
    body: row.body,
    status: row.status === 'published' ? 'published' : 'draft',
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const storiesRepository = (db: Kysely<Database>): StoriesRepository => ({
  async bySlug(slug) {
    const row = await db.selectFrom('stories').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? toStory(row) : null;
  },
  async list(options = {}) {
    let query = db.selectFrom('stories').selectAll();
    if (options.status) query = query.where('status', '=', options.status);
    const rows = await query.orderBy('published_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toStory);
  },
  async save(fields, image) {
    const now = new Date().toISOString();
    const values = {
      title: fields.title,
      dek: fields.dek,
      byline: fields.byline,
      date: fields.date,
      image_sha256: image?.sha256 ?? null,
      image_mime: image?.mime ?? null,
      image_alt: fields.imageAlt,
      image_credit: fields.imageCredit,
      takeaways: JSON.stringify(fields.takeaways),
      context: JSON.stringify(fields.context),
      comments: fields.comments,
      tags: JSON.stringify(fields.tags),
      body: fields.body,
      updated_at: now,
    };
    const existing = await db.selectFrom('stories').select('id').where('slug', '=', fields.slug).executeTakeFirst();
    if (existing) {
      await db.updateTable('stories').set(values).where('id', '=', existing.id).execute();
    } else {
      await db.insertInto('stories').values({ ...values, slug: fields.slug, status: 'draft', created_at: now }).execute();
    }
    const row = await db.selectFrom('stories').selectAll().where('slug', '=', fields.slug).executeTakeFirstOrThrow();
    return { story: toStory(row), created: !existing };
  },
  async setStatus(id, status) {
    const now = new Date().toISOString();
    await db
      .updateTable('stories')
      .set(status === 'published' ? { status, published_at: now, updated_at: now } : { status, updated_at: now })
      .where('id', '=', id)
      .execute();
  },
});
