import type { Readable } from 'node:stream';
import type { DbHandle } from '../platform/db/records.js';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Where ingest keeps the bytes of every file it sees, by content address. No local path leaks out
 * except inside `withLocalFile`, for the tools that need one, so the store may live elsewhere.
 */
export interface BlobStore {
  has(sha256: string): boolean;
  stat(sha256: string): { size: number } | null;
  open(sha256: string, range?: { start: number; end: number }): Readable;
  read(sha256: string): Promise<Buffer<ArrayBuffer>>;
  withLocalFile<T>(sha256: string, use: (file: string) => Promise<T> | T): Promise<T>;
  putFile(file: string): Promise<StoredBlob>;
  putBuffer(bytes: Uint8Array): Promise<StoredBlob>;
  /** Throws when the stream passes maxBytes; nothing is kept then. */
  putStream(source: Readable, maxBytes?: number): Promise<StoredBlob>;
}

/** The slice of the job queue ingest needs: queue a document for a job, inside a transaction. */
export interface JobEnqueuer {
  enqueue(db: DbHandle, kind: string, documentId: number, payload?: unknown): Promise<void>;
}
