/**
 * Notes on passages: who may write and delete them, and the commands and reads behind the note
 * routes and the document page's panel. A note belongs to a document, so whoever may see the document (its
 * collection's team) may read it; there is no private note.
 */
import { auditUser, type Actor } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import type { Records } from '../platform/db/records.js';
import type { NoteRecord } from '../platform/db/repositories/notes-repository.js';
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

const toView = (user: SessionUser) => (r: NoteRecord): NoteView => ({
  id: r.id,
  documentId: r.documentId,
  collection: r.collection,
  documentTitle: r.documentTitle,
  documentPath: r.documentPath,
  author: r.author,
  page: r.page,
  start: r.start,
  end: r.end,
  quote: r.quote,
  body: r.body,
  createdAt: r.createdAt,
  url: `/documents/${r.documentId}#note-${r.id}`,
  mayDelete: mayDeleteNote(user, r.userId),
});

/** A document's notes in reading order: by page, then passage, notes on the whole document first. */
export async function listDocumentNotes(records: Pick<Records, 'read'>, documentId: number, user: SessionUser): Promise<NoteView[]> {
  return (await records.read.notes.forDocument(documentId)).map(toView(user));
}

/** A collection's notes, newest first, and how many there are. */
export async function listCollectionNotes(records: Pick<Records, 'read'>, collectionId: number, user: SessionUser, options: { limit: number; offset: number }): Promise<{ total: number; notes: NoteView[] }> {
  const { total, notes } = await records.read.notes.forCollection(collectionId, options);
  return { total, notes: notes.map(toView(user)) };
}

/** The document a note command acts on (already checked visible to the actor by the caller). */
export interface NoteTarget {
  id: number;
  collectionId: number;
}

type UserActor = Actor & { kind: 'user' };

function requireWriter(actor: UserActor): void {
  if (!mayWrite(actor)) throw new DossierError('forbidden', `viewers may read but not write: this needs the role ${WRITER_ROLES.join(', ')}`);
}

/**
 * Add a note (audited `note` op add). With a quote, the passage is found in the stored text of
 * the page (near the offsets when given; on any page when no page is given), so offsets always
 * point at real text.
 */
export async function addNote(records: Pick<Records, 'read' | 'transact'>, input: { actor: UserActor; document: NoteTarget; note: NoteInput }): Promise<NoteView> {
  requireWriter(input.actor);
  const documentId = input.document.id;
  const note = input.note;
  const body = note.body.trim();
  if (body === '') throw new DossierError('invalid_argument', 'write something in the note');
  if (body.length > MAX_NOTE_LENGTH) throw new DossierError('invalid_argument', `a note has at most ${MAX_NOTE_LENGTH} characters`);
  const quote = note.quote?.trim() ?? '';
  if (quote.length > MAX_QUOTE_LENGTH) throw new DossierError('invalid_argument', `a quoted passage has at most ${MAX_QUOTE_LENGTH} characters`);
  const page = note.page ?? null;
  if (page !== null && (!Number.isInteger(page) || page < 1)) throw new DossierError('invalid_argument', 'the page is a whole number from 1');
  let passage: { page: number | null; start: number | null; end: number | null; quote: string | null } = { page, start: null, end: null, quote: null };
  if (page !== null || quote !== '') {
    const found = await records.read.documentView.pageTexts(documentId, page ?? undefined);
    if (page !== null && found.length === 0) throw new DossierError('invalid_argument', `this document has no page ${page}`);
    if (quote !== '' || note.start != null) {
      let located = null;
      for (const p of found) {
        const span = anchorPassage(p.text, { start: note.start ?? null, end: note.end ?? null, quote });
        if (span) {
          located = { page: p.page, ...span };
          break;
        }
      }
      if (!located) throw new DossierError('invalid_argument', page !== null ? `the quoted text is not on page ${page}: copy it from the page as it is shown` : 'the quoted text is not in this document: copy it from the page as it is shown');
      passage = located;
    }
  }
  return records.transact(async (tx) => {
    const id = await tx.notes.add({ documentId, userId: input.actor.id, ...passage, body });
    const added = await tx.notes.byId(documentId, id);
    if (!added) throw new Error(`note ${id} vanished in its own transaction`);
    await tx.audit.append({ ...auditUser(input.actor), action: 'note', collectionId: input.document.collectionId, documentId, detail: { op: 'add', note: id, page: added.page } });
    return toView(input.actor)(added);
  });
}

/**
 * Delete a note of this document (audited `note` op delete): false when it has no such note (the
 * caller answers 404); a forbidden error when the note is someone else's and the user is neither
 * admin nor editor.
 */
export async function deleteNote(records: Pick<Records, 'transact'>, input: { actor: UserActor; document: NoteTarget; noteId: number }): Promise<boolean> {
  requireWriter(input.actor);
  const documentId = input.document.id;
  return records.transact(async (tx) => {
    const note = await tx.notes.byId(documentId, input.noteId);
    if (!note) return false;
    if (!mayDeleteNote(input.actor, note.userId)) throw new DossierError('forbidden', 'only its author, an editor or an admin may delete this note');
    await tx.notes.remove(note.id);
    await tx.audit.append({ ...auditUser(input.actor), action: 'note', collectionId: input.document.collectionId, documentId, detail: { op: 'delete', note: note.id, page: null } });
    return true;
  });
}
