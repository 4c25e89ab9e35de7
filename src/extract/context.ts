import type { Metadata } from '../domain/document.js';
import type { ChildFile } from '../domain/extraction.js';

/** What an extractor is given: the file, its limits, and a way to keep files embedded in it. */
export interface ExtractContext {
  /** The stored bytes (a blob), read-only. */
  file: string;
  size: number;
  mime: string;
  timeoutMs: number;
  /** Cap on any single embedded part read into memory. */
  maxEntryBytes: number;
  pdfEngine: 'poppler' | 'pdfjs';
  /** Store an embedded file (an attachment) and get its child record. */
  storeChild(name: string, content: Uint8Array, metadata?: Metadata): Promise<ChildFile>;
}
