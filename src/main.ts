/**
 * The composition root: the only place adapters are constructed. It reads the configuration,
 * opens the workspace, wires stores into the command line (and the web workbench) and runs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from './cli/app.js';
import { analyserWithNames, type TextAnalyser } from './analyse/index.js';
import { buildProgram } from './cli/program.js';
import { isDossierError } from './domain/errors.js';
import { startWorkbench } from './http/server.js';
import { exportSite, startSite } from './http/site/site-server.js';
import { reindexAll, WorkerPool } from './jobs/index.js';
import { reviewedTranslationText } from './publish/index.js';
import { searchDocuments, SearchThreads } from './search/index.js';
import { FsBlobStore } from './platform/blobs/fs-blob-store.js';
import { loadConfig, type ConfigInput } from './platform/config.js';
import { openPostgresDatabase } from './platform/db/postgres.js';
import { postgresRecords, sqliteRecords } from './platform/db/records.js';
import { ingestWritesRepository } from './platform/db/repositories/ingest-writes-repository.js';
import { boilerplateRepository } from './platform/db/repositories/boilerplate-repository.js';
import { similarityRepository } from './platform/db/repositories/similarity-repository.js';
import { openSqliteDatabase } from './platform/db/sqlite.js';
import { PgJobWaker } from './platform/queue/pg-job-waker.js';
import { SqlJobQueue } from './platform/queue/sql-job-queue.js';
import { PgSearchIndex } from './platform/search/pg-search-index.js';
import { SqliteSearchIndex } from './platform/search/sqlite-search-index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const workerEntry = path.join(here, import.meta.url.endsWith('.ts') ? 'worker.ts' : 'worker.js');
const searchThreadEntry = path.join(here, import.meta.url.endsWith('.ts') ? 'search-thread.ts' : 'search-thread.js');

/** Open the workspace named by the options and environment, with every adapter in place. */
export async function openApp(input: ConfigInput): Promise<App> {
  const config = loadConfig(input);
  fs.mkdirSync(config.workspace, { recursive: true });
  // SQLite in the workspace, or PostgreSQL (team server, workers on other machines).
  const pg = config.database.kind === 'postgres';
  const handle = config.database.kind === 'postgres' ? await openPostgresDatabase(config.database.url) : await openSqliteDatabase(config.database.file);
  const blobRoot = config.blobs;
  const blobs = new FsBlobStore(blobRoot);
  blobs.removeStaleTemporaries();
  const records = pg ? postgresRecords(handle.db) : sqliteRecords(handle.db);
  const dictionary = (await records.read.dictionary.list()).map((e) => ({ han: e.han, aliases: e.aliases, type: e.type }));
  let chain: TextAnalyser | null = null;
  const analyser = (): TextAnalyser => (chain ??= analyserWithNames(dictionary));
  // Signatures for near-duplicates and the search facets are written with each document's index
  // rows, in its transaction (the handle the job runner passes).
  const searchIndex = Object.assign(pg ? new PgSearchIndex() : new SqliteSearchIndex(), {
    replaceSignature: (db: typeof handle.db, id: number, signature: number[] | null, buckets: number[]) => similarityRepository(db).replaceSignature(id, signature, buckets),
    ingestWrites: ingestWritesRepository,
    boilerplateKeys: (db: typeof handle.db, ids: number[]) => boilerplateRepository(db).keysByDocument(ids),
  });
  if (await searchIndex.ensureSchema(handle.db)) {
    // A new index layout (after an upgrade): rebuild it from the stored text before anything else.
    if (await records.read.documents.hasPages()) {
      console.error('dossier: the search index changed with this version; rebuilding it from stored text …');
      await reindexAll(records, handle.db, searchIndex, analyser());
    }
  }
  // On PostgreSQL idle workers are woken by LISTEN/NOTIFY; on SQLite they poll.
  const queue = new SqlJobQueue({ leaseMs: config.jobLeaseMs, waker: config.database.kind === 'postgres' ? new PgJobWaker(config.database.url) : undefined });
  return {
    config,
    backend: pg ? 'postgres' : 'sqlite',
    db: handle.db,
    records,
    blobs,
    queue,
    searchIndex,
    analyser,
    startExtractors: (processes = config.workers) => {
      process.env.DOSSIER_BLOBS = blobRoot;
      process.env.DOSSIER_OCR_ENGINE = config.ocr.engine;
      process.env.DOSSIER_PDF_ENGINE = config.pdfEngine;
      return new WorkerPool(workerEntry, processes, config.limits.workerMemoryMb, config.limits.fileTimeoutMs, dictionary);
    },
    // On SQLite one connection answers one query at a time: `serve` searches on threads with their
    // own connections. PostgreSQL's driver is asynchronous already.
    startSearchThreads: (threads = config.searchThreads) =>
      config.database.kind === 'sqlite' && threads > 0
        ? new SearchThreads(searchThreadEntry, threads, { file: config.database.file, dictionary }, (input, options) => searchDocuments(handle.db, searchIndex, analyser(), input, { ...options, records, translationText: (id, page) => reviewedTranslationText(records, id, page) }))
        : null,
    close: async () => {
      await queue.close();
      await handle.close();
    },
  };
}

/** Run the command line with these arguments; errors print a message and set the exit code. */
export async function runCli(argv: string[]): Promise<void> {
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  try {
    await buildProgram({ openApp, examplesDir: path.join(root, 'examples'), version, serveWorkbench: startWorkbench, site: { serve: (app, site, options) => startSite({ ...app, site }, options), export: (app, site, dir) => exportSite({ ...app, site }, dir) } }).parseAsync(argv);
  } catch (error) {
    if (isDossierError(error)) {
      console.error(`dossier: ${error.message}`);
      process.exitCode = error.code === 'io_error' ? 1 : 2;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  }
}
