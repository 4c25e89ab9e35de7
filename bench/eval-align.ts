/**
 * Sentence alignment accuracy: gold links recovered / gold links, for Dossier's anchored
 * Gale–Church aligner beside plain length-based Gale–Church (the peer: the same dynamic
 * programme with lengths only, as in Gale & Church 1993 and hunalign without a dictionary).
 *   1. ../shared/corpus/parallel-zh-en-ted: TED talks, 1-1 gold (IWSLT 2017, CC BY-NC-ND).
 *   2. The same talks with sentences merged to make 1-2 and 2-1 links: CONSTRUCTED, not natural.
 *   3. A public zh→en set with natural 1-2/2-1 links, when present (see README for its source).
 * Usage: npm run eval:align
 */
import fs from 'node:fs';
import path from 'node:path';
import { alignSentences, type AlignmentLink } from '../src/publish/translate/index.js';
import { shared, table, writeResult } from './support.js';

interface Doc {
  id: string;
  zh: string[];
  en: string[];
  links: AlignmentLink[];
}

const key = (l: AlignmentLink) => `${l.source.join(',')}|${l.target.join(',')}`;

function readTed(): Doc[] {
  const file = path.join(shared, 'parallel-zh-en-ted', 'docs.jsonl');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const d = JSON.parse(line) as { id: string; zh_sentences: string[]; en_sentences: string[]; links: Array<[number[], number[]]> };
      return { id: d.id, zh: d.zh_sentences, en: d.en_sentences, links: d.links.map(([source, target]) => ({ source, target })) };
    });
}

/**
 * Merge neighbouring sentences to make 2-1 and 1-2 links out of 1-1 gold: every 5th link joins
 * the next one on the Chinese side, every 7th on the English side (deterministic).
 */
function mergeSentences(doc: Doc): Doc {
  const zh: string[] = [];
  const en: string[] = [];
  const links: AlignmentLink[] = [];
  for (let k = 0; k < doc.links.length; ) {
    const a = doc.links[k]!;
    const b = doc.links[k + 1];
    const join = (side: 'source' | 'target', from: string[]) => (b ? [a, b] : [a]).flatMap((l) => l[side].map((i) => from[i]!)).join(side === 'source' ? '' : ' ');
    if (b && k % 5 === 0 && a.source.length === 1 && b.source.length === 1) {
      links.push({ source: [zh.length], target: [en.length, en.length + 1] });
      zh.push(join('source', doc.zh));
      en.push(...[a, b].flatMap((l) => l.target.map((i) => doc.en[i]!)));
      k += 2;
    } else if (b && k % 7 === 3 && a.target.length === 1 && b.target.length === 1) {
      links.push({ source: [zh.length, zh.length + 1], target: [en.length] });
      zh.push(...[a, b].flatMap((l) => l.source.map((i) => doc.zh[i]!)));
      en.push(join('target', doc.en));
      k += 2;
    } else {
      links.push({ source: a.source.map((_, n) => zh.length + n), target: a.target.map((_, n) => en.length + n) });
      zh.push(...a.source.map((i) => doc.zh[i]!));
      en.push(...a.target.map((i) => doc.en[i]!));
      k += 1;
    }
  }
  return { id: `${doc.id}-merged`, zh, en, links };
}

function evaluate(docs: Doc[], anchors: boolean): { accuracy: number; recovered: number; gold: number; seconds: number; nonOneToOne: string } {
  let recovered = 0;
  let gold = 0;
  let otherGold = 0;
  let otherRecovered = 0;
  const started = performance.now();
  for (const doc of docs) {
    const found = new Set(alignSentences(doc.zh, doc.en, { anchors }).map(key));
    for (const link of doc.links) {
      const hit = found.has(key(link));
      gold++;
      if (hit) recovered++;
      if (link.source.length !== 1 || link.target.length !== 1) {
        otherGold++;
        if (hit) otherRecovered++;
      }
    }
  }
  return {
    accuracy: Number((recovered / Math.max(gold, 1)).toFixed(3)),
    recovered,
    gold,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    nonOneToOne: otherGold ? `${otherRecovered}/${otherGold}` : '—',
  };
}

const sets: Array<{ name: string; docs: Doc[] }> = [];
const ted = readTed();
sets.push({ name: 'TED zh-en (1-1 gold)', docs: ted });
sets.push({ name: 'TED merged (1-2/2-1, constructed)', docs: ted.map(mergeSentences) });

const rows: Array<Record<string, string | number>> = [];
const results: Record<string, unknown> = {};
for (const set of sets) {
  for (const [aligner, anchors] of [['length only (Gale–Church)', false], ['Dossier: length + anchors', true]] as const) {
    const r = evaluate(set.docs, anchors);
    results[`${set.name} / ${aligner}`] = r;
    rows.push({ set: set.name, aligner, docs: set.docs.length, gold: r.gold, recovered: r.recovered, accuracy: r.accuracy, 'n-m links': r.nonOneToOne, seconds: r.seconds });
  }
}
console.log(table(rows));
writeResult('eval-align', results);
