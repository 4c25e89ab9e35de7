import type { Records } from '../../platform/db/records.js';

/** The blob store as redaction uses it (structurally the ingest BlobStore; injected by main.ts). */
export interface RedactBlobs {
  has(sha256: string): boolean;
  read(sha256: string): Promise<Buffer<ArrayBuffer>>;
  /** A local file of the blob while `use` runs (MuPDF and poppler need a path). */
  withLocalFile<T>(sha256: string, use: (file: string) => Promise<T> | T): Promise<T>;
  putBuffer(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
}

/** What redaction commands need: records (repositories and transactions) and the blob store. */
export interface RedactDeps {
  records: Records;
  blobs: RedactBlobs;
}
