import type { FailureReason, Metadata, Page } from './document.js';

/** A file found inside another: an archive member, an attachment, a message of a mailbox. */
export interface ChildFile {
  /** The member's name inside its container, made safe (no `..`, no leading `/`). */
  name: string;
  /** Content address of the bytes, already written to the blob store; null when unreadable. */
  sha256: string | null;
  size: number;
  /** Set when the member itself cannot be read (encrypted, a bomb, a symlink). */
  failure?: { reason: FailureReason; message: string };
  /** Facts about the member as the container recorded them (original name, dates). */
  metadata?: Metadata;
}

/** What reading one file produced, before it is stored. */
export interface Extraction {
  mime: string;
  title: string | null;
  pages: Page[];
  metadata: Metadata;
  children: ChildFile[];
  /** True when some page has no usable text and needs OCR. */
  needsOcr: boolean;
}

/** An extractor's answer: the extraction, or an expected failure with a reason. */
export type ExtractionResult =
  | { ok: true; extraction: Extraction }
  | { ok: false; mime: string; reason: FailureReason; message: string; metadata?: Metadata; children?: ChildFile[] };
