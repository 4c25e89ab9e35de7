/**
 * The data layer as commands and stages receive it: repositories (one per aggregate, in
 * repositories/, returning domain types) bound either to the database or to one write
 * transaction. Built once in main.ts and injected; stages import only these types.
 *
 * A command runs `records.transact(async (tx) => { …tx.<repo>.write…; await tx.audit.append(…) })`:
 * its permission check, its records and its audit entry commit together or not at all.
 */
import type { Kysely } from 'kysely';
import { auditRepository, type AuditRepository } from './repositories/audit-repository.js';
import { ingestWritesRepository, type IngestWritesRepository } from './repositories/ingest-writes-repository.js';
import { similarityRepository, type SimilarityRepository } from './repositories/similarity-repository.js';
import { verificationRepository, type VerificationRepository } from './repositories/verification-repository.js';
import { translationRepository, type TranslationRepository } from './repositories/translation-repository.js';
import { redactionRepository, type RedactionRepository } from './repositories/redaction-repository.js';
import { documentsRepository, type DocumentsRepository } from './repositories/documents-repository.js';
import { dictionaryRepository, type DictionaryRepository } from './repositories/dictionary-repository.js';
import { watchlistsRepository, type WatchlistsRepository } from './repositories/watchlists-repository.js';
import { jobsRepository, type JobsRepository } from './repositories/jobs-repository.js';
import { jobDocumentsRepository, type JobDocumentsRepository } from './repositories/job-documents-repository.js';
import { entitiesRepository, type EntitiesRepository } from './repositories/entities-repository.js';
import { commentsRepository, type CommentsRepository } from './repositories/comments-repository.js';
import { publicationsRepository, type PublicationsRepository } from './repositories/publications-repository.js';
import { storiesRepository, type StoriesRepository } from './repositories/stories-repository.js';
import { viewsRepository, type ViewsRepository } from './repositories/views-repository.js';
import { usersRepository, type UsersRepository } from './repositories/users-repository.js';
import { sessionsRepository, type SessionsRepository } from './repositories/sessions-repository.js';
import { grantsRepository, type GrantsRepository } from './repositories/grants-repository.js';
import { notesRepository, type NotesRepository } from './repositories/notes-repository.js';
import { tagsRepository, type TagsRepository } from './repositories/tags-repository.js';
import { documentViewRepository, type DocumentViewRepository } from './repositories/document-view-repository.js';
import { isPostgres } from './dialect.js';
import { loginThrottleRepository, type LoginThrottleRepository } from './repositories/login-throttle-repository.js';
import { uploadRepository, type UploadRepository } from './repositories/upload-repository.js';
import { ingestRecordsRepository, type IngestRecordsRepository } from './repositories/ingest-records-repository.js';
import { ocrRecordsRepository, type OcrRecordsRepository } from './repositories/ocr-records-repository.js';
import { searchHitsRepository, type SearchHitsRepository } from './repositories/search-hits-repository.js';
import { boilerplateRepository, type BoilerplateRepository } from './repositories/boilerplate-repository.js';
import type { Database } from './schema.js';
import { postgresTransact, sqliteTransact, type Transact } from './write-transaction.js';

/** Every repository, bound to one handle (the database, or a transaction). */
export interface Repositories {
  audit: AuditRepository;
  stories: StoriesRepository;
  comments: CommentsRepository;
  views: ViewsRepository;
  publications: PublicationsRepository;
  redaction: RedactionRepository;
  similarity: SimilarityRepository;
  verification: VerificationRepository;
  translations: TranslationRepository;
  // The workbench's accounts, annotations and reading (http/, accounts/).
  users: UsersRepository;
  sessions: SessionsRepository;
  grants: GrantsRepository;
  notes: NotesRepository;
  tags: TagsRepository;
  documentView: DocumentViewRepository;
  // Documents, the dictionary, entities and watch-lists (cli/, index/, search/, jobs/).
  documents: DocumentsRepository;
  dictionary: DictionaryRepository;
  entities: EntitiesRepository;
  watchlists: WatchlistsRepository;
  // The job queue as listed and waited on, and documents as the job runners read them (jobs/, cli/).
  jobs: JobsRepository;
  jobDocuments: JobDocumentsRepository;
  ingestWrites: IngestWritesRepository;
  loginThrottle: LoginThrottleRepository;
  uploads: UploadRepository;
  // Ingest's register and outcomes, OCR's pages, search's hit documents (ingest/, search/).
  ingestRecords: IngestRecordsRepository;
  ocrRecords: OcrRecordsRepository;
  searchHits: SearchHitsRepository;
  boilerplate: BoilerplateRepository;
}

export function repositoriesFor(db: Kysely<Database>): Repositories {
  return {
    audit: auditRepository(db),
    stories: storiesRepository(db),
    comments: commentsRepository(db),
    views: viewsRepository(db),
    publications: publicationsRepository(db),
    redaction: redactionRepository(db),
    similarity: similarityRepository(db),
    verification: verificationRepository(db),
    translations: translationRepository(db),
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    grants: grantsRepository(db),
    notes: notesRepository(db),
    tags: tagsRepository(db),
    documentView: documentViewRepository(db),
    documents: documentsRepository(db),
    dictionary: dictionaryRepository(db),
    entities: entitiesRepository(db),
    watchlists: watchlistsRepository(db),
    jobs: jobsRepository(db),
    jobDocuments: jobDocumentsRepository(db),
    ingestWrites: ingestWritesRepository(db),
    loginThrottle: loginThrottleRepository(db),
    uploads: uploadRepository(db),
    ingestRecords: ingestRecordsRepository(db),
    ocrRecords: ocrRecordsRepository(db),
    searchHits: searchHitsRepository(db),
    boilerplate: boilerplateRepository(db),
  };
}

export interface Records {
  /** Repositories outside any transaction: reads, and single-statement writes that need no audit. */
  read: Repositories;
  /** One write transaction: repositories bound to it; commits when `fn` resolves, rolls back when it throws. */
  transact<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * The same, also handing over the transaction as the raw handle, for the adapters that write
   * through it (search index rows, mentions: see index/index.ts storeDocumentIndex).
   */
  transactHandle<T>(fn: (handle: DbHandle, tx: Repositories) => Promise<T>): Promise<T>;
}

export function sqliteRecords(db: Kysely<Database>): Records {
  const transact: Transact = sqliteTransact(db);
  return {
    read: repositoriesFor(db),
    transact: (fn) => transact((trx) => fn(repositoriesFor(trx))),
    transactHandle: (fn) => transact((trx) => fn(trx, repositoriesFor(trx))),
  };
}

/** The same repositories on PostgreSQL; the audit append serialises itself with an advisory lock. */
export function postgresRecords(db: Kysely<Database>): Records {
  const transact: Transact = postgresTransact(db);
  return {
    read: repositoriesFor(db),
    transact: (fn) => transact((trx) => fn(repositoriesFor(trx))),
    transactHandle: (fn) => transact((trx) => fn(trx, repositoriesFor(trx))),
  };
}

/** Records for a handle of either dialect. */
export const recordsFor = (db: Kysely<Database>): Records => (isPostgres(db) ? postgresRecords(db) : sqliteRecords(db));

/**
 * The database (or one transaction) as code outside platform/ passes it on to adapters that
 * take it (search index, job queue, mentions): an opaque handle there, never a query builder —
 * lint forbids `kysely` and query calls outside src/platform (eslint.config.js).
 */
export type DbHandle = Kysely<Database>;
