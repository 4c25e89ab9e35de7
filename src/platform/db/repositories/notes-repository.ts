import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A note on a passage, with its author and its document's title, path and collection. */
export interface NoteRecord {
  id: number;
  documentId: number;
  userId: number;
  author: string;
  collection: string;
  documentTitle: string | null;
  documentPath: string;
  page: number | null;
  start: number | null;
  end: number | null;
  quote: string | null;
  body: string;
  createdAt: string;
}

export interface NewNote {
  documentId: number;
  userId: number;
  page: number | null;
  start: number | null;
  end: number | null;
  quote: string | null;
  body: string;
}

/** Reporters' notes on passages of documents (the workbench's panel and collection list). */
export interface NotesRepository {
  /** A document's notes in reading order: by page, then passage, notes on the whole document first. */
  forDocument(documentId: number): Promise<NoteRecord[]>;
  /** A collection's notes, newest first, and how many there are. */
  forCollection(collectionId: number, page: { limit: number; offset: number }): Promise<{ total: number; notes: NoteRecord[] }>;
  /** This document's note of this id, or null. */
  byId(documentId: number, noteId: number): Promise<NoteRecord | null>;
  add(note: NewNote): Promise<number>;
  remove(noteId: number): Promise<void>;
}

function base(db: Kysely<Database>) {
  return db
    .selectFrom('notes')
    .innerJoin('users', 'users.id', 'notes.user_id')
    .innerJoin('documents', 'documents.id', 'notes.document_id')
    .innerJoin('collections', 'collections.id', 'documents.collection_id')
    .select(['notes.id', 'notes.document_id', 'notes.user_id', 'notes.page', 'notes.start', 'notes.end', 'notes.quote', 'notes.body', 'notes.created_at', 'users.name as author', 'documents.title', 'documents.path', 'collections.name as collection']);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

const toRecord = (r: Row): NoteRecord => ({
  id: r.id, documentId: r.document_id, userId: r.user_id, author: r.author, collection: r.collection, documentTitle: r.title, documentPath: r.path,
  page: r.page, start: r.start, end: r.end, quote: r.quote, body: r.body, createdAt: r.created_at,
});

export const notesRepository = (db: Kysely<Database>): NotesRepository => ({
  async forDocument(documentId) {
    return (await base(db).where('notes.document_id', '=', documentId).orderBy('notes.page').orderBy('notes.start').orderBy('notes.id').execute()).map(toRecord);
  },
  async forCollection(collectionId, page) {
    const total = await db
      .selectFrom('notes')
      .innerJoin('documents', 'documents.id', 'notes.document_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('documents.collection_id', '=', collectionId)
      .executeTakeFirst();
    const rows = await base(db).where('documents.collection_id', '=', collectionId).orderBy('notes.id', 'desc').limit(page.limit).offset(page.offset).execute();
    return { total: Number(total?.n ?? 0), notes: rows.map(toRecord) };
  },
  async byId(documentId, noteId) {
    const row = await base(db).where('notes.id', '=', noteId).where('notes.document_id', '=', documentId).executeTakeFirst();
    return row ? toRecord(row) : null;
  },
  async add(note) {
    const row = await db
      .insertInto('notes')
      .values({ document_id: note.documentId, user_id: note.userId, page: note.page, start: note.start, end: note.end, quote: note.quote, body: note.body, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  async remove(noteId) {
    await db.deleteFrom('notes').where('id', '=', noteId).execute();
  },
});
