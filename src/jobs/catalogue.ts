import type { DocumentAnalysis } from '../index/index.js';
import type { ExtractionResult } from '../domain/extraction.js';
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

/** What an extraction process sends back: the outcome and, for text, its index analysis. */
export interface ExtractReply {
  result: ExtractionResult;
  analysis: DocumentAnalysis | null;
}

/** Names editors added to the workspace dictionary, sent to each extraction process at start. */
export interface DictionaryEntry {
  han: string;
  aliases: string[];
  type: string;
}

export const JOB_KINDS = {
  extract: 'extract',
} as const;
