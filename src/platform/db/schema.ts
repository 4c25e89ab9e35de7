import type { Generated } from 'kysely';

/**
 * The relational model, shared by the SQLite and PostgreSQL adapters. Stages receive a
 * `Kysely<Database>` and query it directly; this file is the vocabulary they share.
 */
export interface Database {
  collections: CollectionsTable;
  documents: DocumentsTable;
  document_paths: DocumentPathsTable;
  pages: PagesTable;
  jobs: JobsTable;
  source_files: SourceFilesTable;
  dictionary: DictionaryTable;
}

/** Names editors add so they segment as one word and match across scripts. */
export interface DictionaryTable {
  id: Generated<number>;
  /** Null for an entry that applies to every collection. */
  collection_id: number | null;
  han: string;
  /** Latin forms, separated by |. */
  aliases: string;
  type: string;
  created_at: string;
}

export interface CollectionsTable {
  id: Generated<number>;
  name: string;
  created_at: string;
}

export interface DocumentsTable {
  id: Generated<number>;
  collection_id: number;
  /** Null only for a member that could not be read at all (an encrypted zip entry). */
  sha256: string | null;
  size: number;
  mime: string | null;
  status: 'pending' | 'ok' | 'failed';
  reason: string | null;
  message: string | null;
  title: string | null;
  /** The container this document was first found in, if any. */
  parent_id: number | null;
  /** The first path the document was seen at (also in document_paths). */
  path: string;
  /** How many containers deep: 0 for a file given on the command line. */
  depth: number;
  needs_ocr: number;
  /** JSON object of metadata (see domain Metadata). */
  metadata: string;
  created_at: string;
  extracted_at: string | null;
  /** Dominant language of the text (zh, en, ug, …), set when indexed. */
  lang: string | null;
  /** The document's own date (sent, created), ISO, set when indexed. */
  date: string | null;
  /** The sender of an email, set when indexed. */
  sender: string | null;
}

export interface DocumentPathsTable {
  id: Generated<number>;
  document_id: number;
  path: string;
  parent_id: number | null;
}

export interface PagesTable {
  id: Generated<number>;
  document_id: number;
  page: number;
  text: string;
  /** JSON OcrPageRecord when the text came from OCR. */
  ocr: string | null;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  document_id: number;
  state: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  error: string | null;
  updated_at: string;
  /** JSON options of the job (OCR pages and languages), if any. */
  payload: string | null;
}

/** Remembers the hash of a source file by path, size and mtime, so a re-run need not re-read it. */
export interface SourceFilesTable {
  path: string;
  size: number;
  mtime_ms: number;
  sha256: string;
}
