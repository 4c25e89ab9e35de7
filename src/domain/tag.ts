/**
 * Tags label documents ("to-verify", "police", "新疆") and filter searches (`tag:police`). One
 * rule decides what a tag is, so the form, the API and the query language agree.
 */
import { DossierError } from './errors.js';

export const MAX_TAG_LENGTH = 64;

/**
 * The stored form of a tag: NFKC, trimmed, Latin lower-cased, runs of spaces as one dash; 1–64
 * characters of letters, digits, marks, `-`, `_` and `.` (so it reads back from a query or a
 * URL unchanged). Throws `invalid_argument` saying why otherwise.
 *
 * @example normaliseTag('  To Verify ') // 'to-verify'
 */
export function normaliseTag(input: string): string {
  const tag = input.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '-');
  if (tag === '') throw new DossierError('invalid_argument', 'a tag needs at least one letter or digit');
  if ([...tag].length > MAX_TAG_LENGTH) throw new DossierError('invalid_argument', `a tag has at most ${MAX_TAG_LENGTH} characters, got ${[...tag].length}`);
  const bad = /[^\p{L}\p{N}\p{M}._-]/u.exec(tag);
  if (bad) throw new DossierError('invalid_argument', `a tag may hold letters, digits, "-", "_" and "." only, not "${bad[0]}"`);
  if (!/[\p{L}\p{N}]/u.test(tag)) throw new DossierError('invalid_argument', 'a tag needs at least one letter or digit');
  return tag;
}
