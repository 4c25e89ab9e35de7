import type { Readable } from 'node:stream';

/** Where the stored files are (the workspace's content-addressed blob store), as verify reads them. */
export interface BlobReader {
  has(sha256: string): boolean;
  stat(sha256: string): { size: number } | null;
  open(sha256: string, range?: { start: number; end: number }): Readable;
  /** A local file of the blob while `use` runs. */
  withLocalFile<T>(sha256: string, use: (file: string) => Promise<T> | T): Promise<T>;
}

/** The audit chain's check (audit/verify-audit), injected by the caller: publish does not import audit. */
export type AuditCheck = () => Promise<{ entries: number; intact: boolean; firstBad?: { id: number; message: string } | null }>;
