import type { TextAnalyser } from '../../analyse/index.js';
import { languageOf } from '../../analyse/index.js';
import type { Records } from '../../platform/db/records.js';
import { publicSearchCorpus, type PublicHit } from '../../publish/index.js';
import { highlightDocument } from '../../search/index.js';

const MAX_HITS = 50;

/**
 * The public search: the search stage's own analysis and highlighting (cross-script: "Xi Jinping"
 * finds 习近平) run over what is published and nothing else — stories, and each published page's
 * derivative text and reviewed translation. The workbench's index is never asked, so text that
 * was redacted or never published cannot match or leak into a snippet.
 */
export async function searchPublished(records: Pick<Records, 'read'>, analyser: TextAnalyser, query: string): Promise<PublicHit[]> {
  const hits: PublicHit[] = [];
  for (const item of await publicSearchCorpus(records)) {
    const spans = highlightDocument(analyser, item.text, query, 'cross-script');
    if (spans.length === 0) continue;
    const [start, end] = spans[0]!;
    const from = Math.max(0, start - 80);
    const to = Math.min(item.text.length, end + 120);
    const snippet: Array<[string, boolean]> = [];
    let at = from;
    for (const [s, e] of spans.filter(([s, e]) => s >= from && e <= to)) {
      if (s > at) snippet.push([item.text.slice(at, s), false]);
      snippet.push([item.text.slice(Math.max(s, at), e), true]);
      at = e;
    }
    if (at < to) snippet.push([item.text.slice(at, to), false]);
    if (from > 0) snippet.unshift(['… ', false]);
    if (to < item.text.length) snippet.push([' …', false]);
    const lang = languageOf(item.text.slice(from, to));
    hits.push({ kind: item.kind, title: item.title, href: item.href, snippet, lang: lang === 'und' ? 'en' : lang });
    if (hits.length >= MAX_HITS) break;
  }
  return hits;
}
