import type { TextAnalyser } from '../analyse/index.js';
import type { BlobStore } from '../ingest/index.js';
import type { Extractor, JobQueue } from '../jobs/index.js';
import type { Config, ConfigInput } from '../platform/config.js';
import type { DbHandle, Records } from '../platform/db/records.js';
import type { IngestWritesRepository } from '../platform/db/repositories/ingest-writes-repository.js';
import type { SearchThreads } from '../search/index.js';
import type { SqliteSearchIndex } from '../platform/search/sqlite-search-index.js';

/** Everything a command needs, constructed by main.ts and handed in. */
export interface App {
  config: Config;
  /** Where records live: the workspace's SQLite file, or PostgreSQL (shared with workers). */
  backend: 'sqlite' | 'postgres';
  /** The handle the adapters that take one write through (job queue, search index): never queried here. */
  db: DbHandle;
  /** Repositories and write transactions: what commands use (see platform/db/records.ts). */
  records: Records;
  blobs: BlobStore;
  queue: JobQueue;
  searchIndex: Pick<SqliteSearchIndex, 'query' | 'replaceDocument' | 'replaceRows' | 'clear' | 'facets' | 'matchingPages'> & {
    /** A document's pages, facets and mentions, written with its index rows (bound in main.ts). */
    ingestWrites(db: DbHandle): IngestWritesRepository;
  };
  /** The analysis chain, with the bundled dictionary and the workspace's own entries (loaded on first use). */
  analyser(): TextAnalyser;
  /** Threads that answer searches, for `serve` (null on PostgreSQL or with DOSSIER_SEARCH_THREADS=0); close them when done. */
  startSearchThreads?(threads?: number): SearchThreads | null;
  /** Start the extraction processes; close them when done. */
  startExtractors(processes?: number): Extractor & { close(): Promise<void> };
  close(): Promise<void>;
}

export type OpenApp = (input: ConfigInput) => Promise<App>;

/** Options every command accepts. */
export interface GlobalOptions {
  workspace?: string;
  database?: string;
}
