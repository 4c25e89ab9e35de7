/**
 * Redaction: what an editor marks for removal, the derivative a set of marks produces, and the
 * check that proves the marked text is gone from it. The original file is never changed.
 */

/** A rectangle in a page's pixel space (page images at 300 dpi; an image file's own pixels). */
export interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a mark covers: every occurrence of a text (on one page, or on all), a box, a whole page. */
export type MarkTarget =
  | { kind: 'text'; page: number | null; text: string }
  | { kind: 'box'; page: number; box: PixelBox }
  | { kind: 'page'; page: number };

export type MarkState = 'pending' | 'applied';

export type RedactionMark = MarkTarget & {
  id: number;
  documentId: number;
  state: MarkState;
  /** Why it was made: a query (with --all-forms, the query that found the form), a selection, a box. */
  reason: string;
  createdBy: string;
  createdAt: string;
};

/** One place a string survived, or a box that is not opaque. */
export interface Leak {
  page: number;
  text: string;
}

/** The check's report: `ok` only when there is no leak, one revision and nothing in `metadata`. */
export interface RedactionCheck {
  ok: boolean;
  leaks: Leak[];
  /** How many revisions the file holds (startxref count); a clean rewrite has 1. */
  revisions: number;
  /** What remains that should not: Info keys, XMP, annotations, attachments, forms, JavaScript. */
  metadata: string[];
  /** Redacted regions whose render is not solid dark, by page. */
  transparentBoxes: Array<{ page: number; x: number; y: number; w: number; h: number }>;
  checkedAt: string;
}

/** One page of a derivative: its text (as poppler extracts it), new image and thumbnail blobs. */
export interface DerivativePage {
  page: number;
  text: string;
  image: string;
  thumbnail: string;
  width: number;
  height: number;
}

/** A burned region on a derivative page, in PDF points from the top left (what the check renders). */
export interface BurnedBox {
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export type DerivativeMethod = 'pdf' | 'scan' | 'rendition';

export interface RedactionDerivative {
  id: number;
  documentId: number;
  /** SHA-256 of the redacted PDF in the blob store. */
  sha256: string;
  method: DerivativeMethod;
  pages: DerivativePage[];
  boxes: BurnedBox[];
  /** The strings searched for by the check (every text mark's folded forms and the words under boxes). */
  strings: string[];
  markIds: number[];
  check: RedactionCheck;
  createdBy: string;
  createdAt: string;
}
