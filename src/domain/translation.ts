/**
 * A translation beside its original, segment by segment. The original's segments are its pages'
 * sentences, numbered from 0 on each page, so (document, page, index) names one for good. A
 * link of the alignment is a `group`: the original's segments it joins share the group number,
 * and the translation it carries stands once, on the group's first segment. A translated
 * sentence with no original (a 0-1 link) is a segment with an empty source and index null.
 */
export const SEGMENT_STATUSES = ['untranslated', 'machine', 'draft', 'reviewed'] as const;
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];

/** The shape `dossier translation ID --json` prints and the public site publishes. */
export interface TranslationSegment {
  page: number;
  /** The sentence's number on its page (from 0); null for a translated sentence with no original. */
  index: number | null;
  source: string;
  /** The group's translation, on its first segment; null on the others and when untranslated. */
  target: string | null;
  status: SegmentStatus;
  group: number;
}

/** A segment as stored: the public shape, and who last changed it, when, and why it is untranslated. */
export interface StoredSegment extends TranslationSegment {
  updatedBy: string;
  updatedAt: string;
  /** Why the segment has no translation (a machine translation that failed), or null. */
  note: string | null;
}

export type TranslationOrigin = 'document' | 'file' | 'machine';

/** A document's translation as a whole: where it came from and what last went wrong. */
export interface TranslationRecord {
  documentId: number;
  origin: TranslationOrigin;
  /** The translated document's id or the file's name; the service's host for machine translations. */
  sourceRef: string;
  sourceLang: string;
  targetLang: string;
  createdAt: string;
  updatedAt: string;
  lastError: string | null;
}

/** An editor's correction, replayed in order after every re-alignment (see publish/translate/corrections.ts). */
export type Correction =
  | { kind: 'edit'; page: number; index: number; source: string; target: string; status: SegmentStatus }
  | { kind: 'status'; page: number; index: number; source: string; status: SegmentStatus }
  | { kind: 'split'; page: number; index: number; source: string; targets: [string, string] }
  | { kind: 'merge'; page: number; index: number; source: string }
  | { kind: 'relink'; page: number; index: number; source: string; move: 'to-previous' | 'to-next' };

export interface StoredCorrection {
  id: number;
  correction: Correction;
  username: string;
  createdAt: string;
}

/**
 * A reviewed translation is indexed as extra rows of its document: page p's translation under
 * the row key of page TRANSLATION_PAGE_OFFSET + p, so an English query finds the Chinese
 * original and the hit can say it matched in the translation.
 */
export const TRANSLATION_PAGE_OFFSET = 2 ** 19;
export const isTranslationPage = (page: number): boolean => page > TRANSLATION_PAGE_OFFSET;
