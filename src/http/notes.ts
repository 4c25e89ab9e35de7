/**
 * Notes on passages: who may write and delete them, and the queries behind the note routes and
 * the document page's panel. A note belongs to a document, so whoever may see the document (its
 * collection's team) may read it; there is no private note.
 */
import type { Kysely } from 'kysely';
import { DossierError } from '../domain/errors.js';
import type { Database } from '../platform/db/schema.js';
import type { Role, SessionUser } from './context.js';
import { anchorPassage } from './locate-quote.js';

/** Roles that may add notes and tags, and upload: everyone but viewers. */
export const WRITER_ROLES: Role[] = ['admin', 'editor', 'reporter'];
export const mayWrite = (user: SessionUser) => WRITER_ROLES.includes(user.role);
/** Your own notes you may delete; admins and editors may delete anyone's. */
export const mayDeleteNote = (user: SessionUser, authorId: number) => user.id === authorId || user.role === 'admin' || user.role === 'editor';

export const MAX_NOTE_LENGTH = 10_000;
export const MAX_QUOTE_LENGTH = 5_000;

export interface NoteView {
  id: number;
  documentId: number;
  collection: string;
  documentTitle: string | null;
  documentPath: string;
  author: string;
  page: number | null;
  start: number | null;
  end: number | null;
  quote: string | null;
  body: string;
  createdAt: string;
  /** The passage in the viewer. */
  url: string;
  mayDelete: boolean;
}

export interface NoteInput {
  page?: number | null;
  start?: number | null;
  end?: number | null;
  quote?: string | null;
  body: string;
}

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('notes')
    .innerJoin('users', 'users.id', 'notes.user_id')
    .innerJoin('documents', 'documents.id', 'notes.document_id')
    .innerJoin('collections', 'collections.id', 'documents.collection_id')
    .select(['notes.id', 'notes.document_id', 'notes.user_id', 'notes.page', 'notes.start', 'notes.end', 'notes.quote', 'notes.body', 'notes.created_at', 'users.name as author', 'documents.title', 'documents.path', 'collections.name as collection']);
}

type NoteRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

const toView = (user: SessionUser) => (r: NoteRow): NoteView => ({
  id: r.id,
  documentId: r.document_id,
  collection: r.collection,
  documentTitle: r.title,
  documentPath: r.path,
  author: r.author,
  page: r.page,
  start: r.start,
  end: r.end,
  quote: r.quote,
  body: r.body,
  createdAt: r.created_at,
  url: `/documents/${r.document_id}#note-${r.id}`,
  mayDelete: mayDeleteNote(user, r.user_id),
});

/** A document's notes in reading order: by page, then passage, notes on the whole document first. */
export async function listDocumentNotes(db: Kysely<Database>, documentId: number, user: SessionUser): Promise<NoteView[]> {
  const rows = await baseQuery(db).where('notes.document_id', '=', documentId).orderBy('notes.page').orderBy('notes.start').orderBy('notes.id').execute();
  return rows.map(toView(user));
}

/** A collection's notes, newest first, and how many there are. */
export async function listCollectionNotes(db: Kysely<Database>, collectionId: number, user: SessionUser, options: { limit: number; offset: number }): Promise<{ total: number; notes: NoteView[] }> {
  const total = await db
    .selectFrom('notes')
    .innerJoin('documents', 'documents.id', 'notes.document_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('documents.collection_id', '=', collectionId)
    .executeTakeFirst();
  const rows = await baseQuery(db).where('documents.collection_id', '=', collectionId).orderBy('notes.id', 'desc').limit(options.limit).offset(options.offset).execute();
  return { total: Number(total?.n ?? 0), notes: rows.map(toView(user)) };
}

/**
 * Add a note. With a quote, the passage is found in the stored text of the page (near the
 * offsets when given; on any page when no page is given), so offsets always point at real text.
 */
export async function addNote(db: Kysely<Database>, documentId: number, user: SessionUser, input: NoteInput): Promise<NoteView> {
  const body = input.body.trim();
  if (body === '') throw new DossierError('invalid_argument', 'write something in the note');
  if (body.length > MAX_NOTE_LENGTH) throw new DossierError('invalid_argument', `a note has at most ${MAX_NOTE_LENGTH} characters`);
  const quote = input.quote?.trim() ?? '';
  if (quote.length > MAX_QUOTE_LENGTH) throw new DossierError('invalid_argument', `a quoted passage has at most ${MAX_QUOTE_LENGTH} characters`);
  const page = input.page ?? null;
  if (page !== null && (!Number.isInteger(page) || page < 1)) throw new DossierError('invalid_argument', 'the page is a whole number from 1');
  let passage: { page: number | null; start: number | null; end: number | null; quote: string | null } = { page, start: null, end: null, quote: null };
  if (page !== null || quote !== '') {
    let pages = db.selectFrom('pages').select(['page', 'text']).where('document_id', '=', documentId).orderBy('page');
    if (page !== null) pages = pages.where('page', '=', page);
    const found = await pages.execute();
    if (page !== null && found.length === 0) throw new DossierError('invalid_argument', `this document has no page ${page}`);
    if (quote !== '' || input.start != null) {
      let located = null;
      for (const p of found) {
        const span = anchorPassage(p.text, { start: input.start ?? null, end: input.end ?? null, quote });
        if (span) {
          located = { page: p.page, ...span };
          break;
        }
      }
      if (!located) throw new DossierError('invalid_argument', page !== null ? `the quoted text is not on page ${page}: copy it from the page as it is shown` : 'the quoted text is not in this document: copy it from the page as it is shown');
      passage = located;
    }
  }
  const inserted = await db
    .insertInto('notes')
    .values({ document_id: documentId, user_id: user.id, page: passage.page, start: passage.start, end: passage.end, quote: passage.quote, body, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await baseQuery(db).where('notes.id', '=', inserted.id).executeTakeFirstOrThrow();
  return toView(user)(row);
}

/**
 * Delete a note of this document: null when it has no such note (the caller answers 404),
 * 'forbidden' when the note is someone else's and the user is neither admin nor editor.
 */
export async function deleteNote(db: Kysely<Database>, documentId: number, noteId: number, user: SessionUser): Promise<'deleted' | 'forbidden' | null> {
  const note = await db.selectFrom('notes').select(['id', 'user_id']).where('id', '=', noteId).where('document_id', '=', documentId).executeTakeFirst();
  if (!note) return null;
  if (!mayDeleteNote(user, note.user_id)) return 'forbidden';
  await db.deleteFrom('notes').where('id', '=', noteId).execute();
  return 'deleted';
}
