import { signatureSimilarity } from '../../analyse/index.js';
import type { Records } from '../../platform/db/records.js';

/** Collapse near-duplicates at this similarity or more. */
export const COLLAPSE_SIMILARITY = 0.8;

/**
 * Search's "collapse near-duplicates": a post-step over one page of hits, in rank order. A hit
 * whose signature is at least `threshold` similar to a better-ranked kept hit is folded into
 * it (listed in its `duplicates`). Pairs within the page only, so it costs nothing per corpus.
 */
export async function collapseNearDuplicates<H extends { id: number }>(
  records: Pick<Records, 'read'>,
  hits: H[],
  threshold = COLLAPSE_SIMILARITY,
): Promise<Array<H & { duplicates: number[] }>> {
  const signatures = await records.read.similarity.signaturesOf(hits.map((h) => h.id));
  const kept: Array<H & { duplicates: number[] }> = [];
  for (const hit of hits) {
    const mine = signatures.get(hit.id);
    const into = mine ? kept.find((k) => { const theirs = signatures.get(k.id); return theirs !== undefined && signatureSimilarity(mine, theirs) >= threshold; }) : undefined;
    if (into) into.duplicates.push(hit.id);
    else kept.push({ ...hit, duplicates: [] });
  }
  return kept;
}
