import type { Kysely } from 'kysely';
import type { CommentStatus, StoryComment } from '../../../domain/story.js';
import type { Database } from '../schema.js';

export interface NewComment {
  storyId: number;
  name: string;
  body: string;
  status: CommentStatus;
  reason: string | null;
  visitor: string;
}

/** Readers' comments on stories. */
export interface CommentsRepository {
  add(comment: NewComment): Promise<number>;
  byId(id: number): Promise<StoryComment | null>;
  list(options: { status?: CommentStatus; storyId?: number }): Promise<StoryComment[]>;
  setStatus(id: number, status: CommentStatus): Promise<void>;
  /** How many comments this visitor sent since the time given (the rate limit). */
  countByVisitorSince(visitor: string, since: string): Promise<number>;
}

const STATUSES: CommentStatus[] = ['pending', 'approved', 'rejected', 'spam'];

export const commentsRepository = (db: Kysely<Database>): CommentsRepository => ({
  async add(comment) {
    const row = await db
      .insertInto('comments')
      .values({ story_id: comment.storyId, name: comment.name, body: comment.body, status: comment.status, reason: comment.reason, visitor: comment.visitor, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  async byId(id) {
    return (await listComments(db, { id }))[0] ?? null;
  },
  list: (options) => listComments(db, options),
  async setStatus(id, status) {
    await db.updateTable('comments').set({ status, moderated_at: new Date().toISOString() }).where('id', '=', id).execute();
  },
  async countByVisitorSince(visitor, since) {
    const row = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('visitor', '=', visitor).where('created_at', '>=', since).executeTakeFirst();
    return Number(row?.n ?? 0);
  },
});

async function listComments(db: Kysely<Database>, options: { id?: number; status?: CommentStatus; storyId?: number }): Promise<StoryComment[]> {
  let query = db
    .selectFrom('comments')
    .innerJoin('stories', 'stories.id', 'comments.story_id')
    .select(['comments.id', 'comments.story_id', 'stories.slug', 'comments.name', 'comments.body', 'comments.status', 'comments.reason', 'comments.created_at']);
  if (options.id !== undefined) query = query.where('comments.id', '=', options.id);
  if (options.status) query = query.where('comments.status', '=', options.status);
  if (options.storyId !== undefined) query = query.where('comments.story_id', '=', options.storyId);
  const rows = await query.orderBy('comments.id', 'asc').execute();
  return rows.map((r) => ({
    id: r.id,
    storyId: r.story_id,
    storySlug: r.slug,
    name: r.name,
    body: r.body,
    status: STATUSES.includes(r.status as CommentStatus) ? (r.status as CommentStatus) : 'pending',
    reason: r.reason,
    createdAt: r.created_at,
  }));
}
