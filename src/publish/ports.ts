import type { Actor } from '../domain/actor.js';

/**
 * What the publish stage needs from outside, as small ports (main.ts hands in the adapters;
 * the workspace's blob store satisfies BlobReader and ImageStore).
 */

/** Content-addressed bytes: feature images, derivative PDFs and page images. */
export interface ImageStore {
  has(sha256: string): boolean;
  read(sha256: string): Promise<Buffer<ArrayBuffer>>;
  putBuffer(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
}

/** One page of a redacted derivative: its text, and the blob of its image. */
export interface DerivativePage {
  page: number;
  text: string;
  image: string | null;
  width: number | null;
  height: number | null;
}

/** The result of checking a derivative: ok, or the redacted text still found in it. */
export interface DerivativeCheck {
  ok: boolean;
  leaks: Array<{ page: number; text: string }>;
}

export interface Derivative {
  sha256: string;
  pages: DerivativePage[];
  check: DerivativeCheck;
}

/**
 * Where published documents come from: the redaction stage's derivative (made afresh, metadata
 * stripped, and checked). Publishing never reads the original file or its stored text.
 */
export interface DerivativeSource {
  produce(input: { actor: Actor; documentId: number }): Promise<Derivative>;
}

/** A reviewed translation segment of a document (machine and draft ones are never published). */
export interface TranslationSegment {
  page: number;
  index: number;
  source: string;
  target: string;
  status: string;
}

/** Where reviewed translations come from. */
export interface TranslationSource {
  segments(documentId: number): Promise<TranslationSegment[]>;
}
