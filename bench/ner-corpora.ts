/**
 * Readers of the NER evaluation sets in shared/corpus/ner-dev, and span scoring. Each reader turns
 * one format into texts with gold spans in UTF-16 offsets, so every system is scored on the same
 * strings the way Dossier sees a page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export type NerType = 'PER' | 'LOC' | 'ORG';

export interface GoldSpan {
  start: number;
  end: number;
  type: NerType;
}

export interface NerDoc {
  text: string;
  gold: GoldSpan[];
}

interface Tagged {
  token: string;
  /** B/I/E/S/M prefix and the mapped type, or null for outside. */
  prefix: string;
  type: NerType | null;
}

/** Spans of a sequence of tagged tokens joined by `sep` (BIO or BMES; an I after O starts a span). */
function spansOf(tokens: Tagged[], sep: string): NerDoc {
  let text = '';
  const gold: GoldSpan[] = [];
  let open: GoldSpan | null = null;
  const close = () => {
    if (open) gold.push(open);
    open = null;
  };
  tokens.forEach((t, i) => {
    if (i > 0) text += sep;
    const start = text.length;
    text += t.token;
    const end = text.length;
    if (!t.type) return close();
    const continues = open !== null && open.type === t.type && (t.prefix === 'I' || t.prefix === 'M' || t.prefix === 'E');
    if (continues) open!.end = end;
    else {
      close();
      open = { start, end, type: t.type };
    }
    if (t.prefix === 'E' || t.prefix === 'S') close();
  });
  close();
  return { text, gold };
}

/** Sentences of a file whose blank lines separate sentences and whose lines are token + tag. */
function sentencesOf(file: string, split: (line: string) => [string, string] | null): Array<Array<[string, string]>> {
  const out: Array<Array<[string, string]>> = [];
  let current: Array<[string, string]> = [];
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      if (current.length > 0) out.push(current);
      current = [];
      continue;
    }
    const pair = split(line);
    if (pair) current.push(pair);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function parseTag(tag: string, map: (label: string) => NerType | null): Pick<Tagged, 'prefix' | 'type'> {
  if (tag === 'O' || !tag.includes('-')) return { prefix: 'O', type: null };
  const dash = tag.indexOf('-');
  return { prefix: tag.slice(0, dash), type: map(tag.slice(dash + 1)) };
}

const plain = (label: string): NerType | null => (label === 'PER' || label === 'LOC' || label === 'ORG' ? label : null);

/** People's Daily: one character and a BIO tag per line, separated by a space. */
export function readPeoplesDaily(file: string): NerDoc[] {
  return sentencesOf(file, (line) => {
    const [token, tag] = line.split(' ');
    return token && tag ? [token, tag] : null;
  }).map((s) => spansOf(s.map(([token, tag]) => ({ token, ...parseTag(tag, plain) })), ''));
}

/** Weibo NER: '中0\tB-PER.NAM'; only named (.NAM) mentions count, GPE is a location. */
export function readWeibo(file: string): NerDoc[] {
  const map = (label: string): NerType | null => {
    const [type, kind] = label.split('.');
    if (kind !== 'NAM') return null;
    return type === 'GPE' ? 'LOC' : plain(type ?? '');
  };
  return sentencesOf(file, (line) => {
    const [token, tag] = line.split('\t');
    return token && tag ? [token.replace(/\d$/, ''), tag] : null;
  }).map((s) => spansOf(s.map(([token, tag]) => ({ token, ...parseTag(tag, map) })), ''));
}

/** Resume NER: BMES tags; NAME is a person, ORG and LOC as such, the rest outside. */
export function readResume(file: string): NerDoc[] {
  const map = (label: string): NerType | null => (label === 'NAME' ? 'PER' : label === 'ORG' || label === 'LOC' ? label : null);
  return sentencesOf(file, (line) => {
    const [token, tag] = line.split(' ');
    return token && tag ? [token, tag] : null;
  }).map((s) => spansOf(s.map(([token, tag]) => ({ token, ...parseTag(tag, map) })), ''));
}

/**
 * CoNLL-2003: 'token POS? … tag' per line, -DOCSTART- between documents. One text per document:
 * tokens joined by spaces, sentences by newlines; MISC is outside.
 */
export function readConll(file: string): NerDoc[] {
  const docs: NerDoc[] = [];
  let sentences: Tagged[][] = [];
  let sentence: Tagged[] = [];
  const flushDoc = () => {
    if (sentence.length > 0) sentences.push(sentence);
    sentence = [];
    if (sentences.length === 0) return;
    let text = '';
    const gold: GoldSpan[] = [];
    for (const s of sentences) {
      if (text) text += '\n';
      const offset = text.length;
      const doc = spansOf(s, ' ');
      text += doc.text;
      for (const g of doc.gold) gold.push({ ...g, start: g.start + offset, end: g.end + offset });
    }
    docs.push({ text, gold });
    sentences = [];
  };
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('-DOCSTART-')) {
      flushDoc();
      continue;
    }
    if (line === '') {
      if (sentence.length > 0) sentences.push(sentence);
      sentence = [];
      continue;
    }
    const parts = line.split(/\s+/);
    const token = parts[0]!;
    // 'token tag 0' here; 'token POS chunk tag' in the original release: the tag is the field shaped like one.
    const tag = [...parts.slice(1)].reverse().find((p) => /^(O|[BIES]-[A-Z]+)$/.test(p)) ?? 'O';
    sentence.push({ token, ...parseTag(tag, plain) });
  }
  flushDoc();
  return docs;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores {
  p: number;
  r: number;
  f1: number;
}

export function scoresOf(c: Counts): Scores {
  const p = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

/** Exact-span, exact-type matching, counted per type; 'ALL' is the micro-average. */
export function countMatches(gold: GoldSpan[], found: GoldSpan[], into: Record<NerType | 'ALL', Counts>): void {
  const key = (s: GoldSpan) => `${s.start}:${s.end}:${s.type}`;
  const goldKeys = new Set(gold.map(key));
  const foundKeys = new Set(found.map(key));
  for (const s of found) {
    const hit = goldKeys.has(key(s));
    for (const k of [s.type, 'ALL'] as const) into[k][hit ? 'tp' : 'fp']++;
  }
  for (const s of gold) {
    if (foundKeys.has(key(s))) continue;
    for (const k of [s.type, 'ALL'] as const) into[k].fn++;
  }
}

export function emptyCounts(): Record<NerType | 'ALL', Counts> {
  return { PER: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 }, ALL: { tp: 0, fp: 0, fn: 0 } };
}

/** Page-sized texts as extraction processes see them: the docs' texts joined `perPage` to a page (eval:ner's and bench:ner-speed's speed pages). */
export function pagesOf(docs: readonly NerDoc[], perPage = 40): string[] {
  const pages: string[] = [];
  for (let k = 0; k < docs.length; k += perPage) pages.push(docs.slice(k, k + perPage).map((d) => d.text).join('\n'));
  return pages;
}

/**
 * The held-out Chinese news slice: the last `fraction` of MSRA train's sentences, which
 * scripts/train-ner.ts never trains on (MSRA_HELD_OUT in scripts/ner-slices.ts).
 */
export function readMsraHeldOut(file: string, fraction: number): NerDoc[] {
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  const tmp = path.join(os.tmpdir(), `msra-${process.pid}.tsv`);
  fs.writeFileSync(tmp, text);
  try {
    const all = sentencesOf(tmp, (line) => {
      const [token, tag] = line.split('\t');
      return token && tag ? [token, tag] : null;
    });
    const cut = Math.round(all.length * (1 - fraction));
    return all.slice(cut).map((s) => spansOf(s.map(([token, tag]) => ({ token, ...parseTag(tag, plain) })), ''));
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * The held-out English slice: the last `fraction` of CoNLL-2003 eng.train's sentences, which
 * scripts/train-ner.ts never trains on (CONLL_HELD_OUT in scripts/ner-slices.ts). Sentences of one document are
 * one text, as for CoNLL valid; the slice may start inside a document.
 */
export function readConllHeldOut(file: string, fraction: number): NerDoc[] {
  const sentences: Array<{ doc: number; tokens: Tagged[] }> = [];
  let doc = 0;
  let sentence: Tagged[] = [];
  const flush = () => {
    if (sentence.length > 0) sentences.push({ doc, tokens: sentence });
    sentence = [];
  };
  for (const raw of zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('-DOCSTART-')) {
      flush();
      doc++;
      continue;
    }
    if (line === '') {
      flush();
      continue;
    }
    const parts = line.split(/\s+/);
    const tag = parts[parts.length - 1]!;
    sentence.push({ token: parts[0]!, ...parseTag(/^(O|[BIES]-[A-Z]+)$/.test(tag) ? tag : 'O', plain) });
  }
  flush();
  const held = sentences.slice(Math.round(sentences.length * (1 - fraction)));
  const docs: NerDoc[] = [];
  for (let k = 0; k < held.length; ) {
    let text = '';
    const gold: GoldSpan[] = [];
    const id = held[k]!.doc;
    for (; k < held.length && held[k]!.doc === id; k++) {
      if (text) text += '\n';
      const offset = text.length;
      const part = spansOf(held[k]!.tokens, ' ');
      text += part.text;
      for (const g of part.gold) gold.push({ ...g, start: g.start + offset, end: g.end + offset });
    }
    docs.push({ text, gold });
  }
  return docs;
}
