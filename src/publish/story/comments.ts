import { auditUser, mayEdit, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import type { CommentStatus, StoryComment } from '../../domain/story.js';
import type { Records } from '../../platform/db/records.js';
import { checkCommentToken, makeCommentToken } from './comment-token.js';
import { lastingSecret, visitorHash } from './visitor-hash.js';

export const MAX_COMMENT_CHARS = 5_000;
export const MAX_NAME_CHARS = 80;
/** Comments a visitor may send in an hour before being told to wait. */
export const COMMENTS_PER_HOUR = 5;
const TOKEN_KEY = 'comment-token-key';

/** Words that mark a comment for an editor's closer look (it is pre-moderated in any case). */
const LISTED_WORDS = ['viagra', 'casino', 'crypto', 'bitcoin', 'loan', 'porn', 'escort', 'seo', 'backlink'];

/** A fresh token for a story's comment form. */
export async function commentFormToken(records: Pick<Records, 'read'>, storyId: number): Promise<string> {
  return makeCommentToken(await lastingSecret(records.read.views, TOKEN_KEY), storyId);
}

export interface CommentSubmission {
  slug: string;
  name: string | undefined;
  body: string | undefined;
  token: string | undefined;
  /** The honeypot field, hidden from people; a robot fills it. */
  honeypot: string | undefined;
  /** The visitor's address: only its daily-salted hash is kept. */
  address: string;
}

/**
 * A reader's comment: the token is checked (missing, forged, expired, sent in under 3 s →
 * refused), the visitor's rate is limited, and the comment waits for an editor. A filled
 * honeypot is answered like any comment but stored as spam, never shown.
 */
export async function submitComment(records: Pick<Records, 'read' | 'transact'>, input: CommentSubmission): Promise<{ id: number; status: CommentStatus }> {
  const story = await records.read.stories.bySlug(input.slug);
  if (!story || story.status !== 'published') throw new DossierError('not_found', 'no such story');
  if (story.comments !== 'open') throw new DossierError('conflict', 'comments are closed on this story');
  const verdict = checkCommentToken(await lastingSecret(records.read.views, TOKEN_KEY), input.token, story.id);
  if (verdict !== 'ok') {
    const why = { missing: 'the form has no token', forged: 'the form token is not valid', expired: 'the form is too old: reload the page and send again', too_fast: 'the form was sent too fast: wait a moment and send again', ok: '' }[verdict];
    throw new DossierError('invalid_argument', why);
  }
  const name = (input.name ?? '').trim();
  const body = (input.body ?? '').replace(/\r\n?/g, '\n').trim();
  if (!name || name.length > MAX_NAME_CHARS) throw new DossierError('invalid_argument', `a name of 1 to ${MAX_NAME_CHARS} characters is needed`);
  if (!body || body.length > MAX_COMMENT_CHARS) throw new DossierError('invalid_argument', `a comment is 1 to ${MAX_COMMENT_CHARS} characters long`);
  const visitor = await visitorHash(records.read.views, 'comment', input.address);
  const sent = await records.read.comments.countByVisitorSince(visitor, new Date(Date.now() - 3_600_000).toISOString());
  if (sent >= COMMENTS_PER_HOUR) throw new DossierError('rate_limited', 'too many comments from here in the last hour: try again later');
  const honeypot = Boolean(input.honeypot && input.honeypot.trim());
  const words = LISTED_WORDS.filter((w) => new RegExp(`\\b${w}\\b`, 'i').test(body));
  const reason = honeypot ? 'honeypot' : /https?:\/\/|www\.|\[[^\]]*\]\(/i.test(body) ? 'links' : words.length ? `words: ${words.join(', ')}` : null;
  const status: CommentStatus = honeypot ? 'spam' : 'pending';
  const id = await records.transact((tx) => tx.comments.add({ storyId: story.id, name, body, status, reason, visitor }));
  return { id, status };
}

/** An editor's decision on a comment: approve (shown), reject or spam (never shown); audited. */
export async function moderateComment(records: Pick<Records, 'transact'>, input: { actor: Actor; id: number; decision: 'approve' | 'reject' | 'spam' }): Promise<StoryComment> {
  if (!mayEdit(input.actor)) throw new DossierError('invalid_argument', 'only editors and administrators moderate comments');
  const status: CommentStatus = input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'spam';
  return records.transact(async (tx) => {
    const comment = await tx.comments.byId(input.id);
    if (!comment) throw new DossierError('not_found', `no comment ${input.id}`);
    await tx.comments.setStatus(comment.id, status);
    await tx.audit.append({ ...auditUser(input.actor), action: `comment.${input.decision}`, detail: { id: comment.id, story: comment.storySlug, from: comment.status } });
    return { ...comment, status };
  });
}

/** Comments, newest last; only pending ones with `pending`. */
export function listComments(records: Pick<Records, 'read'>, options: { pending?: boolean; storyId?: number; status?: CommentStatus } = {}): Promise<StoryComment[]> {
  return records.read.comments.list({ status: options.pending ? 'pending' : options.status, storyId: options.storyId });
}
