import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/** Where ingest keeps the bytes of every file it sees, by content address. */
export interface BlobStore {
  pathOf(sha256: string): string;
  has(sha256: string): boolean;
  putFile(file: string): Promise<StoredBlob>;
  putBuffer(bytes: Uint8Array): Promise<StoredBlob>;
  /** Throws when the stream passes maxBytes; nothing is kept then. */
  putStream(source: Readable, maxBytes?: number): Promise<StoredBlob>;
}

/** The slice of the job queue ingest needs: queue a document for a job, inside a transaction. */
export interface JobEnqueuer {
  enqueue(db: Kysely<Database>, kind: string, documentId: number, payload?: unknown): Promise<void>;
}
