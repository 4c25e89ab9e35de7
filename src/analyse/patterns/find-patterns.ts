import type { Mention, PatternType } from '../../domain/entities.js';
import { findClassificationMarks } from './classification.js';
import { findDates } from './dates.js';
import { findDocNumbers } from './doc-numbers.js';
import { foldFullWidth } from './fold-widths.js';
import { findPhones } from './phones.js';
import { findResidentIds } from './resident-id.js';
import { findEmails, findUrls } from './web-addresses.js';

/**
 * When two mentions overlap, the longer one is kept (a URL with a date in its path is a URL; a
 * date inside a document number is part of the number); between mentions of the same length, the
 * type that demands more of its text: an ID number's checksum beats a phone's shape.
 */
const SPECIFICITY: readonly PatternType[] = ['ID_NUMBER', 'EMAIL', 'URL', 'DOC_NUMBER', 'CLASSIFICATION', 'PHONE', 'DATE'];

/** Keeps, of overlapping mentions, the longest (then the most specific, then the most confident); returns them by start. */
export function resolveOverlaps(mentions: readonly Mention[]): Mention[] {
  // Mentions are short, so overlaps are local: settle each cluster of overlapping mentions alone
  // rather than comparing every pair in a long document.
  const byStart = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  let cluster: Mention[] = [];
  let clusterEnd = -1;
  for (const m of byStart) {
    if (m.start >= clusterEnd && cluster.length > 0) {
      kept.push(...settleCluster(cluster));
      cluster = [];
    }
    cluster.push(m);
    clusterEnd = Math.max(clusterEnd, m.end);
  }
  kept.push(...settleCluster(cluster));
  return kept.sort((a, b) => a.start - b.start);
}

function settleCluster(cluster: readonly Mention[]): Mention[] {
  if (cluster.length < 2) return [...cluster];
  const rank = (m: Mention): number => SPECIFICITY.indexOf(m.type as PatternType);
  const byPreference = [...cluster].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || rank(a) - rank(b) || (b.confidence ?? 0) - (a.confidence ?? 0) || a.start - b.start,
  );
  const kept: Mention[] = [];
  for (const m of byPreference) {
    if (kept.every((k) => m.end <= k.start || m.start >= k.end)) kept.push(m);
  }
  return kept;
}

/**
 * Everything found by its shape in a text: resident ID numbers, phones, emails, URLs, dates,
 * official document numbers and classification marks. Offsets are UTF-16 indices into `text`;
 * full-width digits and letters (１３８…) are read as ASCII, and `mention.text` is the original.
 */
export function findPatterns(text: string): Mention[] {
  const folded = foldFullWidth(text);
  const found = [
    ...findResidentIds(folded),
    ...findPhones(folded),
    ...findEmails(folded),
    ...findUrls(folded),
    ...findDates(folded),
    ...findDocNumbers(folded),
    ...findClassificationMarks(folded),
  ];
  return resolveOverlaps(found).map((m) => ({ ...m, text: text.slice(m.start, m.end) }));
}
