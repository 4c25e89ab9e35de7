import os from 'node:os';
import path from 'node:path';
import { DossierError } from '../domain/errors.js';

/** Limits that keep one bad file from hurting the rest of an ingest. */
export interface Limits {
  /** Files larger than this are recorded as failed `too_large` without being parsed. */
  maxFileBytes: number;
  /** A parser that runs longer than this on one file is killed; the file fails `timeout`. */
  fileTimeoutMs: number;
  /** Heap limit of an extraction process; past it the file fails `out_of_memory`. */
  workerMemoryMb: number;
  /** Containers nested deeper than this (zip in zip in …) are not opened. */
  maxDepth: number;
  /** An archive member that expands more than this many times its compressed size is a bomb. */
  maxRatio: number;
  /** Total bytes one archive may expand to. */
  maxExpandedBytes: number;
  /** Members one archive may hold. */
  maxEntries: number;
}

/** The whole configuration of one installation, read once at start. */
export interface Config {
  /** The folder holding all state: `dossier.db` and `blobs/`. */
  workspace: string;
  /** Where records live: the workspace's SQLite file, or a PostgreSQL server (team server, workers). */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** The blob folder: `<workspace>/blobs`, or a shared volume every worker machine mounts. */
  blobs: string;
  /** How long a claimed job stays a worker's without renewal (renewed every third of it). */
  jobLeaseMs: number;
  /** Extraction processes run in parallel; defaults to the number of cores. */
  workers: number;
  /** Threads `dossier serve` answers searches on (each with its own read connection); 0 answers them on the main thread. */
  searchThreads: number;
  /** `pdftotext`/`pdfinfo` from poppler when found on PATH; pdf.js otherwise. */
  pdfEngine: 'auto' | 'poppler' | 'pdfjs';
  /** OCR: engine (auto: the tesseract program if installed, else tesseract.js), languages, time per page. */
  ocr: { engine: 'auto' | 'tesseract' | 'tesseract.js'; langs: string; pageTimeoutMs: number };
  limits: Limits;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 2 * 1024 ** 3,
  fileTimeoutMs: 120_000,
  workerMemoryMb: 1024,
  maxDepth: 8,
  maxRatio: 200,
  maxExpandedBytes: 8 * 1024 ** 3,
  maxEntries: 100_000,
};

export interface ConfigInput {
  workspace?: string | undefined;
  /** A PostgreSQL URL (postgres://…); overrides DOSSIER_DATABASE_URL. */
  database?: string | undefined;
  workers?: string | number | undefined;
  pdfEngine?: string | undefined;
  ocrLangs?: string | undefined;
}

function positiveInt(name: string, value: string | number | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new DossierError('invalid_argument', `${name} must be a positive whole number, got "${value}"`);
  }
  return n;
}

/**
 * Resolve the configuration from command-line options, then environment, then defaults.
 * Environment: DOSSIER_HOME (workspace), DOSSIER_DATABASE_URL (postgres://…; else SQLite in the
 * workspace), DOSSIER_BLOBS (the blob folder; else <workspace>/blobs), DOSSIER_JOB_LEASE_MS
 * (default 60000), DOSSIER_WORKERS, DOSSIER_PDF_ENGINE,
 * DOSSIER_FILE_TIMEOUT_MS, DOSSIER_MAX_FILE_BYTES, DOSSIER_WORKER_MEMORY_MB, DOSSIER_OCR_ENGINE,
 * DOSSIER_OCR_LANGS, DOSSIER_OCR_PAGE_TIMEOUT_MS.
 */
export function loadConfig(input: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const workspace = path.resolve(input.workspace ?? env.DOSSIER_HOME ?? 'data');
  const workers = positiveInt('workers', input.workers ?? env.DOSSIER_WORKERS, Math.max(1, os.availableParallelism()));
  const pdfEngine = input.pdfEngine ?? env.DOSSIER_PDF_ENGINE ?? 'auto';
  const searchThreads = env.DOSSIER_SEARCH_THREADS === '0' ? 0 : positiveInt('DOSSIER_SEARCH_THREADS', env.DOSSIER_SEARCH_THREADS, Math.min(4, os.availableParallelism()));
  if (pdfEngine !== 'auto' && pdfEngine !== 'poppler' && pdfEngine !== 'pdfjs') {
    throw new DossierError('invalid_argument', `pdf engine must be auto, poppler or pdfjs, got "${pdfEngine}"`);
  }
  const limits: Limits = {
    ...DEFAULT_LIMITS,
    fileTimeoutMs: positiveInt('DOSSIER_FILE_TIMEOUT_MS', env.DOSSIER_FILE_TIMEOUT_MS, DEFAULT_LIMITS.fileTimeoutMs),
    maxFileBytes: positiveInt('DOSSIER_MAX_FILE_BYTES', env.DOSSIER_MAX_FILE_BYTES, DEFAULT_LIMITS.maxFileBytes),
    workerMemoryMb: positiveInt('DOSSIER_WORKER_MEMORY_MB', env.DOSSIER_WORKER_MEMORY_MB, DEFAULT_LIMITS.workerMemoryMb),
  };
  const ocrEngine = env.DOSSIER_OCR_ENGINE ?? 'auto';
  if (ocrEngine !== 'auto' && ocrEngine !== 'tesseract' && ocrEngine !== 'tesseract.js') {
    throw new DossierError('invalid_argument', `OCR engine must be auto, tesseract or tesseract.js, got "${ocrEngine}"`);
  }
  const langs = input.ocrLangs ?? env.DOSSIER_OCR_LANGS ?? 'chi_sim+eng';
  if (!/^[a-z_]+(\+[a-z_]+)*$/.test(langs)) throw new DossierError('invalid_argument', `OCR languages are tesseract codes joined by +, such as chi_sim+eng; got "${langs}"`);
  const ocr = { engine: ocrEngine as Config['ocr']['engine'], langs, pageTimeoutMs: positiveInt('DOSSIER_OCR_PAGE_TIMEOUT_MS', env.DOSSIER_OCR_PAGE_TIMEOUT_MS, 300_000) };
  return { workspace, database: databaseOf(workspace, input.database ?? env.DOSSIER_DATABASE_URL), blobs: path.resolve(env.DOSSIER_BLOBS || path.join(workspace, 'blobs')), jobLeaseMs: positiveInt('DOSSIER_JOB_LEASE_MS', env.DOSSIER_JOB_LEASE_MS, 60_000), workers, searchThreads, pdfEngine, ocr, limits };
}

function databaseOf(workspace: string, url: string | undefined): Config['database'] {
  if (url === undefined || url === '') return { kind: 'sqlite', file: path.join(workspace, 'dossier.db') };
  if (!/^postgres(ql)?:\/\//.test(url)) throw new DossierError('invalid_argument', `the database must be a PostgreSQL URL (postgres://user@host/name), got "${url.replace(/:[^:@/]*@/, ':…@')}"`);
  return { kind: 'postgres', url };
}
