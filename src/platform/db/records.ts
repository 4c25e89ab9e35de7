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
import { similarityRepository, type SimilarityRepository } from './repositories/similarity-repository.js';
import { verificationRepository, type VerificationRepository } from './repositories/verification-repository.js';
import { translationRepository, type TranslationRepository } from './repositories/translation-repository.js';
import { redactionRepository, type RedactionRepository } from './repositories/redaction-repository.js';
import { commentsRepository, type CommentsRepository } from './repositories/comments-repository.js';
import { publicationsRepository, type PublicationsRepository } from './repositories/publications-repository.js';
import { storiesRepository, type StoriesRepository } from './repositories/stories-repository.js';
import { viewsRepository, type ViewsRepository } from './repositories/views-repository.js';
import { loginThrottleRepository, type LoginThrottleRepository } from './repositories/login-throttle-repository.js';
import { uploadRepository, type UploadRepository } from './repositories/upload-repository.js';
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
  loginThrottle: LoginThrottleRepository;
  uploads: UploadRepository;
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
    loginThrottle: loginThrottleRepository(db),
    uploads: uploadRepository(db),
  };
}

export interface Records {
  /** Repositories outside any transaction: reads, and single-statement writes that need no audit. */
  read: Repositories;
  /** One write transaction: repositories bound to it; commits when `fn` resolves, rolls back when it throws. */
  transact<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
}

export function sqliteRecords(db: Kysely<Database>): Records {
  const transact: Transact = sqliteTransact(db);
  return {
    read: repositoriesFor(db),
    transact: (fn) => transact((trx) => fn(repositoriesFor(trx))),
  };
}

/** The same repositories on PostgreSQL; the audit append serialises itself with an advisory lock. */
export function postgresRecords(db: Kysely<Database>): Records {
  const transact: Transact = postgresTransact(db);
  return {
    read: repositoriesFor(db),
    transact: (fn) => transact((trx) => fn(repositoriesFor(trx))),
  };
}
