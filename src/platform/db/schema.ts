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
  users: UsersTable;
  grants: GrantsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  notes: NotesTable;
  tags: TagsTable;
  uploads: UploadsTable;
  entities: EntitiesTable;
  mentions: MentionsTable;
  entity_decisions: EntityDecisionsTable;
  watchlists: WatchlistsTable;
  stories: StoriesTable;
  comments: CommentsTable;
  story_views: StoryViewsTable;
  publications: PublicationsTable;
  site_secrets: SiteSecretsTable;
  redaction_marks: RedactionMarksTable;
  redaction_derivatives: RedactionDerivativesTable;
  redaction_locks: RedactionLocksTable;
  similarity_signatures: SimilaritySignaturesTable;
  similarity_buckets: SimilarityBucketsTable;
  translations: TranslationsTable;
  translation_segments: TranslationSegmentsTable;
  translation_corrections: TranslationCorrectionsTable;
  login_failures: LoginFailuresTable;
  boilerplate_blocks: BoilerplateBlocksTable;
  boilerplate_lines: BoilerplateLinesTable;
  boilerplate_state: BoilerplateStateTable;
  boilerplate_indexed: BoilerplateIndexedTable;
}

/** A line repeated in `documents` documents of a collection (menu, footer, signature); `key` is it folded. */
export interface BoilerplateBlocksTable {
  collection_id: number;
  key: string;
  text: string;
  documents: number;
}

/** How many documents of a collection carry a line (by hash); key and text once a second document has it. */
export interface BoilerplateLinesTable {
  collection_id: number;
  /** 52-bit hash of the line's key (bigint on PostgreSQL; exact in a JavaScript number). */
  hash: number;
  documents: number;
  key: string | null;
  text: string | null;
}

/** Per collection: documents counted into boilerplate_lines, and indexed knowing the blocks, up to these ids. */
export interface BoilerplateStateTable {
  collection_id: number;
  counted_through: number;
  indexed_through: number;
  documents: number;
}

/** The boilerplateFingerprint of the lines a document's index rows were split by; no row when none. */
export interface BoilerplateIndexedTable {
  document_id: number;
  fingerprint: number;
}

/** A document's near-duplicate signature: SIGNATURE_HASHES 32-bit MinHash minima, little-endian. */
export interface SimilaritySignaturesTable {
  document_id: number;
  signature: Uint8Array;
}

/** Banded LSH: one row per band of a signature; documents sharing a bucket are candidates. */
export interface SimilarityBucketsTable {
  bucket: number;
  document_id: number;
}

/** People who may sign in to the workbench. */
export interface UsersTable {
  id: Generated<number>;
  name: string;
  /** admin | editor | reporter | viewer */
  role: string;
  /** argon2id PHC string. */
  password_hash: string;
  created_at: string;
  /** 1 when the account may no longer sign in. */
  disabled: number;
}

/** Which collections a user (other than an admin) may see. */
export interface GrantsTable {
  user_id: number;
  collection_id: number;
  created_at: string;
}

/** Server-side sessions; the cookie holds a random token, the table its SHA-256. */
export interface SessionsTable {
  token_hash: string;
  user_id: number;
  /** The anti-forgery token forms and API writes must carry. */
  csrf: string;
  created_at: string;
  expires_at: string;
}

/**
 * Who searched, viewed, downloaded and exported what: append-only, each row's hash covers its
 * content and the previous row's hash, so an edited, deleted or reordered row breaks the chain.
 */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string;
  /** search | view | download | export | login | login_failed | logout | note | tag | upload | grant | revoke | … */
  action: string;
  collection_id: number | null;
  document_id: number | null;
  /** JSON: the query, the page, the note id … */
  detail: string;
  prev_hash: string;
  hash: string;
}

/** A note on a passage of a document, readable by the collection's team. */
export interface NotesTable {
  id: Generated<number>;
  document_id: number;
  user_id: number;
  page: number | null;
  /** Character offsets of the passage in the page's text, with the quoted text. */
  start: number | null;
  end: number | null;
  quote: string | null;
  body: string;
  created_at: string;
  /** 1 when an editor marked the note public: it appears on the published document page. */
  public: Generated<number>;
}

export interface TagsTable {
  document_id: number;
  tag: string;
  user_id: number;
  created_at: string;
}

/** A batch of files sent from the browser and the ingest that reads them. */
export interface UploadsTable {
  id: Generated<number>;
  user_id: number;
  collection_id: number;
  /** queued | running | done | failed */
  state: string;
  files: number;
  bytes: number;
  /** JSON IngestProgress snapshot, updated as the ingest runs; then the summary. */
  progress: string;
  created_at: string;
  finished_at: string | null;
}

/** One person, place or organisation, gathering every form its name takes. */
export interface EntitiesTable {
  id: Generated<number>;
  /** PERSON | LOCATION | ORGANIZATION */
  type: string;
  /** The form shown: the Han form when there is one, else the most frequent spelling. */
  name: string;
  /** The resolution key every form of the name folds to (simplified Han, or joined pinyin / folded Latin). */
  key: string;
  /** JSON array of the forms seen. */
  aliases: string;
  /** 0..1, how sure resolution is that the forms are one entity. */
  confidence: number;
  created_at: string;
}

/** Where an entity or a pattern occurs: document, page, character offsets. */
export interface MentionsTable {
  id: Generated<number>;
  document_id: number;
  page: number;
  start: number;
  end: number;
  text: string;
  /** A MentionType: PERSON, LOCATION, ORGANIZATION, ID_NUMBER, PHONE, EMAIL, URL, DATE, DOC_NUMBER, CLASSIFICATION. */
  type: string;
  /** The entity it belongs to (named entities only). */
  entity_id: number | null;
  /** JSON of what the text means (a date, an ID's birth date and region), if decoded. */
  value: string | null;
  confidence: number;
}

/** Editors' merges and splits, replayed whenever documents are analysed again. */
export interface EntityDecisionsTable {
  id: Generated<number>;
  /** merge: keys[1..] join keys[0]; split: the form leaves its entity for one of its own. */
  kind: string;
  /** JSON of the decision: { into, keys } for a merge, { key, form } for a split. */
  data: string;
  user: string;
  created_at: string;
}

/** A list of names searched as a batch, kept to re-run later on new documents. */
export interface WatchlistsTable {
  id: Generated<number>;
  name: string;
  user_id: number | null;
  /** JSON array of the names. */
  names: string;
  /** JSON of the last run's results, and when it ran. */
  results: string | null;
  ran_at: string | null;
  created_at: string;
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
  /** The document an extract or OCR job reads; null for jobs about something else (an upload: see payload). */
  document_id: number | null;
  state: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  error: string | null;
  updated_at: string;
  /** JSON options of the job (OCR pages and languages), if any. */
  payload: string | null;
  /** The worker holding (or that last held) the job: host:pid:nonce. */
  locked_by: string | null;
  /** When a running job's lease ends, in ms since 1970 by the database's clock; past it, any worker may take the job. */
  locked_until: number | null;
  /** JSON JobProgress (platform/queue/job-codec.ts): what the job last reported. */
  progress: string | null;
}

/** Remembers the hash of a source file by path, size and mtime, so a re-run need not re-read it. */
export interface SourceFilesTable {
  path: string;
  size: number;
  mtime_ms: number;
  sha256: string;
}

/** A document's translation (issue 11): where it came from; one per document. */
export interface TranslationsTable {
  document_id: number;
  /** document | file | machine */
  origin: string;
  source_ref: string;
  source_lang: string;
  target_lang: string;
  created_at: string;
  updated_at: string;
  last_error: string | null;
}

/** A segment of a document's translation: an original sentence (idx) or a translated sentence with none (idx null). */
export interface TranslationSegmentsTable {
  id: Generated<number>;
  document_id: number;
  page: number;
  idx: number | null;
  /** Reading order in the document. */
  position: number;
  source: string;
  target: string | null;
  /** untranslated | machine | draft | reviewed */
  status: string;
  group_no: number;
  updated_by: string;
  updated_at: string;
  note: string | null;
}

/** An editor's correction (JSON), replayed after every re-alignment. */
export interface TranslationCorrectionsTable {
  id: Generated<number>;
  document_id: number;
  data: string;
  username: string;
  created_at: string;
}

/** A mark of what to redact in a document (issue 12); removable until applied. */
export interface RedactionMarksTable {
  id: Generated<number>;
  document_id: number;
  /** text | box | page */
  kind: string;
  /** Null for a text mark that covers every page. */
  page: number | null;
  text: string | null;
  /** JSON PixelBox of a box mark. */
  box: string | null;
  /** pending | applied */
  state: string;
  reason: string;
  created_by: string;
  created_at: string;
}

/** A redacted derivative of a document: its PDF blob, pages, burned boxes and its last check. */
export interface RedactionDerivativesTable {
  id: Generated<number>;
  document_id: number;
  sha256: string;
  /** pdf | scan | rendition */
  method: string;
  /** JSON DerivativePage[]. */
  pages: string;
  /** JSON BurnedBox[]. */
  boxes: string;
  /** JSON string[]: what the check searches for. */
  strings: string;
  /** JSON number[]: the marks applied. */
  mark_ids: string;
  /** JSON RedactionCheck. */
  check: string;
  created_by: string;
  created_at: string;
}

/** An apply in progress: one row per document, so a second apply is refused (409). */
export interface RedactionLocksTable {
  document_id: number;
  holder: string;
  started_at: string;
}

/** A story of the public site: front matter fields, the Markdown body, draft or published. */
export interface StoriesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  dek: string | null;
  byline: string | null;
  date: string | null;
  /** The feature image, a blob. */
  image_sha256: string | null;
  image_mime: string | null;
  image_alt: string | null;
  image_credit: string | null;
  /** JSON array of strings. */
  takeaways: string;
  /** JSON array of {label, title, url, source}. */
  context: string;
  /** open | closed */
  comments: string;
  /** JSON array of strings. */
  tags: string;
  body: string;
  /** draft | published */
  status: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A reader's comment: pre-moderated; no address or user agent, only a daily-salted hash. */
export interface CommentsTable {
  id: Generated<number>;
  story_id: number;
  name: string;
  body: string;
  /** pending | approved | rejected | spam */
  status: string;
  /** Why it was queued or marked: links, words, honeypot. */
  reason: string | null;
  visitor: string;
  created_at: string;
  moderated_at: string | null;
}

/** One counted view of a story: the visitor is a hash with a salt discarded each day. */
export interface StoryViewsTable {
  id: Generated<number>;
  story_id: number;
  visitor: string;
  at: string;
}

/** A published document: the snapshot of its checked redacted derivative the public site serves. */
export interface PublicationsTable {
  document_id: number;
  title: string;
  derivative_sha256: string;
  /** JSON array of {page, text, image, width, height} (image: a blob of the derivative's page). */
  pages: string;
  /** JSON array of reviewed segments {page, index, source, target}. */
  translation: string;
  lang: string | null;
  published_at: string;
  updated_at: string;
}

/** The site's secrets: the comment-token key, the day's visitor salt (replaced, never kept, each day). */
export interface SiteSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

/**
 * Failed sign-ins per user name (`name:…`) or address (`address:…`), shared by every server
 * process; times in ms since 1970.
 */
export interface LoginFailuresTable {
  key: string;
  failures: number;
  last_at: number;
  locked_until: number;
}
