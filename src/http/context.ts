/**
 * What every route of the workbench shares: the adapters main.ts hands in, and what the session
 * middleware puts on each request (the signed-in user and what they may see).
 */
import type { Access, LoginThrottle, SessionUser } from '../accounts/index.js';
import type { TextAnalyser } from '../analyse/index.js';
import type { BlobStore } from '../ingest/index.js';
import type { Extractor, JobQueue } from '../jobs/index.js';
import type { SearchIndexWriter } from '../index/index.js';
import type { Config } from '../platform/config.js';
import type { DbHandle, Records } from '../platform/db/records.js';
import type { SqliteSearchIndex } from '../platform/search/sqlite-search-index.js';
import type { SearchRunner } from '../search/index.js';

// The account vocabulary lives with the accounts module; the workbench re-exports it under the same names.
export { ROLES, type Access, type Role, type SessionUser } from '../accounts/index.js';

/** Hono's per-request variables, set by the session middleware. */
export interface HttpEnv {
  Variables: {
    user: SessionUser | null;
    access: Access;
    /** The anti-forgery token of the session (null when signed out). */
    csrf: string | null;
    /** The nonce of this response's Content-Security-Policy, for the few inline elements. */
    nonce: string;
  };
}

/** The adapters the workbench uses, constructed by main.ts. */
export interface HttpDeps {
  config: Config;
  /** Only passed on to the adapters that still take a handle (the job queue, the upload runner, translation rows); never queried here. */
  db: DbHandle;
  records: Records;
  blobs: BlobStore;
  queue: JobQueue;
  searchIndex: Pick<SqliteSearchIndex, 'query' | 'replaceDocument' | 'replaceRows' | 'clear' | 'facets' | 'matchingPages'> & Pick<SearchIndexWriter, 'ingestWrites'>;
  analyser(): TextAnalyser;
  /** Where searches run when not on this thread (`serve`'s search threads, search/search-threads.ts). */
  searchThreads?: { search: SearchRunner } | null;
  startExtractors(): Extractor & { close(): Promise<void> };
  /** Failed sign-ins per name and address: in the database (login_failures) when records are given, so every server shares them. */
  throttle?: LoginThrottle;
}
