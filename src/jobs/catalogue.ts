import type { DocumentAnalysis } from '../index/index.js';
import type { Page } from '../domain/document.js';
import type { ExtractionResult } from '../domain/extraction.js';
import type { OcrPageOutcome } from '../extract/index.js';
import { EXTRACT_JOB } from '../ingest/index.js';
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

/** An `ocr` job reads the pages of a scan or an image that have no usable text. */
export interface OcrTask {
  documentId: number;
  sha256: string;
  mime: string;
  /** Pages to read (null: all), and how many the document has when known. */
  pages: number[] | null;
  pageCount: number | null;
  langs: string;
  timeoutMs: number;
  /** The rest of the document, so the extraction process can analyse it whole for the index. */
  title: string | null;
  path: string;
  metadata: Record<string, unknown>;
  otherPages: Page[];
}

/** What an extraction process sends back for an `ocr` job. */
export interface OcrReply {
  outcomes: OcrPageOutcome[];
  analysis: DocumentAnalysis | null;
}

/** Options an `ocr` job may carry (from `dossier ocr`). */
export interface OcrJobOptions {
  pages?: number[];
  langs?: string;
}

export const JOB_KINDS = {
  // Named by ingest, which queues it when it registers a document.
  extract: EXTRACT_JOB,
  ocr: 'ocr',
} as const;
