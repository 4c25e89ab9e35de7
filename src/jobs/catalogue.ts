import type { Limits } from '../platform/config.js';

/**
 * The job catalogue: every kind of job and its payload. An `extract` job reads one stored
 * document; its payload travels to an extraction process, which has no database.
 */
export interface ExtractTask {
  documentId: number;
  sha256: string;
  size: number;
  /** The document's path, whose last segment names the content of a bare .gz. */
  path: string;
  depth: number;
  limits: Limits;
  pdfEngine: 'poppler' | 'pdfjs';
}

export const JOB_KINDS = {
  extract: 'extract',
} as const;
