import type { Records } from '../../platform/db/records.js';

/** The blob store as redaction uses it (structurally the ingest BlobStore; injected by main.ts). */
export interface RedactBlobs {
  pathOf(sha256: string): string;
  has(sha256: string): boolean;
  putBuffer(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
}

/** What redaction commands need: records (repositories and transactions) and the blob store. */
export interface RedactDeps {
  records: Records;
  blobs: RedactBlobs;
}
