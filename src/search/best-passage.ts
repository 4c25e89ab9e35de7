import type { AnalysedText } from '../analyse/index.js';
import type { MatchExpr } from '../domain/search.js';
import { highlightSpans } from './highlight.js';

type Phrase = Extract<MatchExpr, { op: 'phrase' }>;

/** A span in boilerplate (a menu, a footer) counts this much of one in the page's own text. */
const BOILERPLATE_SHARE = 0.05;

/**
 * Which of a page's merged highlight spans the snippet should be centred on: the one that opens
 * the window (as snippetHtml cuts it: `radius` before, twice that after) holding the most query
 * terms, each weighted by its rarity on the page (1 + ln(all matches / its matches), so a word
 * that occurs once outweighs one that occurs everywhere), spans in boilerplate lines counting
 * only a twentieth. Ties go to the earliest, so a one-word query keeps its first match, as before.
 * Run only for the hits shown.
 */
export function bestPassageAnchor(analysed: AnalysedText, phrases: Phrase[], merged: Array<[number, number]>, boilerplate: Array<[number, number]>, radius = 80): number {
  if (merged.length <= 1 && boilerplate.length === 0) return 0;
  const byTerm = new Map<string, Phrase[]>();
  for (const p of phrases) byTerm.set(p.term, [...(byTerm.get(p.term) ?? []), p]);
  const terms = [...byTerm.values()].map((ps) => highlightSpans(analysed, ps)).filter((s) => s.length > 0);
  const all = terms.reduce((n, s) => n + s.length, 0);
  const inBoilerplate = ([s, e]: [number, number]) => boilerplate.some(([bs, be]) => s >= bs && e <= be);
  const occurrences = terms.flatMap((spans, term) => spans.map((span) => ({ term, span, weight: (1 + Math.log(all / spans.length)) * (inBoilerplate(span) ? BOILERPLATE_SHARE : 1) })));
  let best = 0;
  let bestScore = -1;
  merged.forEach(([start], i) => {
    const from = start - radius;
    const to = start + radius * 3;
    const perTerm = new Map<number, number>();
    for (const o of occurrences) if (o.span[0] >= from && o.span[1] <= to) perTerm.set(o.term, Math.max(perTerm.get(o.term) ?? 0, o.weight));
    const anchorWeight = inBoilerplate(merged[i]!) ? BOILERPLATE_SHARE : 1;
    const score = [...perTerm.values()].reduce((a, b) => a + b, 0) * anchorWeight;
    if (score > bestScore + 1e-9) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
