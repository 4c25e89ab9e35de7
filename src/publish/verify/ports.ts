/** Where the stored files are (the workspace's content-addressed blob store), as verify reads them. */
export interface BlobReader {
  pathOf(sha256: string): string;
  has(sha256: string): boolean;
}

/** The audit chain's check (audit/verify-audit), injected by the caller: publish does not import audit. */
export type AuditCheck = () => Promise<{ entries: number; intact: boolean; firstBad?: { id: number; message: string } | null }>;
