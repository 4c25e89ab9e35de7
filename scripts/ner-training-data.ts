/**
 * Readers of the training sets in shared/corpus/ner-train for scripts/train-ner.ts, and the
 * Chinese gazetteer the model ships with (resources/ner/zh-gazetteer.tsv.gz), built from the
 * admin-division and THUOCL lists there. Tags come out as BIOES over the model's types.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { cedictNameRows } from '../src/analyse/entities/tagger/ner-resources.js';
import { buildZhGazetteer, type ZhGazetteer } from '../src/analyse/entities/tagger/zh-gazetteer.js';
import { readResource } from '../src/analyse/resources.js';

export interface Sentence {
  tokens: string[];
  /** BIOES tags, e.g. 'B-PER', 'O'. */
  tags: string[];
}

function linesOf(file: string): string[] {
  const raw = fs.readFileSync(file);
  return (file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8').split('\n');
}

/** BIO or IOB1 tags (an I after O or after another type starts a span) to BIOES. */
export function toBioes(tags: string[]): string[] {
  const type = (t: string) => (t === 'O' ? null : t.slice(2));
  const begins = tags.map((t, i) => t !== 'O' && (t.startsWith('B-') || i === 0 || type(tags[i - 1]!) !== type(t)));
  return tags.map((t, i) => {
    if (t === 'O') return 'O';
    const ty = type(t)!;
    const continues = i + 1 < tags.length && !begins[i + 1] && type(tags[i + 1]!) === ty;
    if (begins[i]) return `${continues ? 'B' : 'S'}-${ty}`;
    return `${continues ? 'I' : 'E'}-${ty}`;
  });
}

/** 'token … tag' lines, blank lines between sentences; -DOCSTART- lines skipped. */
export function readColumns(file: string, tagOf: (parts: string[]) => string, scheme: 'bio' | 'bmes' = 'bio'): Sentence[] {
  const out: Sentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (tokens.length > 0) out.push({ tokens, tags: scheme === 'bio' ? toBioes(tags) : tags.map((t) => t.replace(/^M-/, 'I-')) });
    tokens = [];
    tags = [];
  };
  for (const raw of linesOf(file)) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('-DOCSTART-')) {
      flush();
      continue;
    }
    const parts = line.split(/[\t ]+/);
    tokens.push(parts[0]!);
    tags.push(tagOf(parts));
  }
  flush();
  return out;
}

export function readMsra(file: string): Sentence[] {
  return readColumns(file, (p) => p[1] ?? 'O');
}

/** CoNLL-2003 (IOB1), keeping MISC as a type of its own so the model does not learn it as O. */
export function readConllTrain(file: string): Sentence[] {
  return readColumns(file, (p) => p[p.length - 1] ?? 'O');
}

/** Place and people names of the shared Chinese gazetteers, with the short forms of regions (新疆维吾尔自治区 → 新疆). */
export function zhGazetteerFromCorpus(dir: string): Array<[string, 'PER' | 'LOC']> {
  const names = new Map<string, 'PER' | 'LOC'>();
  const add = (name: string, type: 'PER' | 'LOC') => {
    if (name.length >= 2 && !names.has(name)) names.set(name, type);
  };
  const SUFFIX = /(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|自治州|自治县|自治旗|地区|街道|省|市|县|区|镇|乡|盟|旗)$/;
  const region = (name: string) => {
    if (/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(name)) return;
    add(name, 'LOC');
    const short = name.replace(SUFFIX, '');
    if (short.length >= 2 && short !== name) add(short, 'LOC');
  };
  const admin = path.join(dir, 'admin-divisions');
  for (const file of ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv']) {
    for (const line of linesOf(path.join(admin, file)).slice(1)) {
      const m = /^[^,]*,"([^"]+)"/.exec(line);
      if (m) region(m[1]!);
    }
  }
  const walk = (v: unknown) => {
    if (typeof v === 'string') region(v.replace(/（.*$/, ''));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        region(k);
        walk(x);
      }
  };
  walk(JSON.parse(fs.readFileSync(path.join(admin, 'HK-MO-TW.json'), 'utf8')));
  for (const line of linesOf(path.join(dir, 'thuocl', 'THUOCL_diming.txt'))) add(line.split('\t')[0]!.trim(), 'LOC');
  for (const line of linesOf(path.join(dir, 'thuocl', 'THUOCL_lishimingren.txt'))) add(line.split('\t')[0]!.trim(), 'PER');
  return [...names].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * The People's Daily 1998 (PFR) substitute: 'CHAR TAG' lines in BMES (B-/M-/E-/S- of PER, LOC,
 * ORG), fragments cut at ，。！？、‘’“”: with those marks dropped (SOURCE.txt there).
 */
export function readPfr(file: string): Sentence[] {
  return readColumns(file, (p) => p[1] ?? 'O', 'bmes');
}

/**
 * Names annotated in the training sets not trained on, as gazetteer entries (their conventions
 * differ from MSRA's, which matters less for a feature than for gold tags): CLUENER's people and
 * organisations (name; company, government, organization) and the People's Daily 1998 substitute's
 * PER, LOC and ORG spans.
 */
export function zhNamesFromOtherCorpora(corpus: string): Array<[string, 'PER' | 'LOC' | 'ORG']> {
  const names = new Map<string, 'PER' | 'LOC' | 'ORG'>();
  const add = (name: string, type: 'PER' | 'LOC' | 'ORG') => {
    if (name.length >= 2 && name.length <= 12 && !/[\s，。、]/u.test(name) && !names.has(name)) names.set(name, type);
  };
  const CLUE: Record<string, 'PER' | 'ORG'> = { name: 'PER', company: 'ORG', government: 'ORG', organization: 'ORG' };
  for (const line of linesOf(path.join(corpus, 'cluener', 'train.json'))) {
    if (!line.trim()) continue;
    const { label } = JSON.parse(line) as { label: Record<string, Record<string, unknown>> };
    for (const [type, mentions] of Object.entries(label)) {
      const t = CLUE[type];
      if (t) for (const m of Object.keys(mentions)) add(m, t);
    }
  }
  for (const s of readPfr(path.join(corpus, 'peoples-daily-1998-pfr', 'train.fixed.bmes.gz'))) {
    let start = -1;
    s.tags.forEach((tag, i) => {
      if (tag.startsWith('B-')) start = i;
      else if (tag.startsWith('S-')) start = -1;
      else if (tag.startsWith('E-') && start >= 0) {
        add(s.tokens.slice(start, i + 1).join(''), tag.slice(2) as 'PER' | 'LOC' | 'ORG');
        start = -1;
      }
    });
  }
  return [...names].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * The Chinese gazetteer the model is trained with (and ships as zh-gazetteer.tsv.gz): CC-CEDICT's
 * typed names, the shared gazetteers' places and people and, unless `otherCorpora` is false (an
 * ablation), the names annotated in CLUENER and the PFR substitute; the surnames of
 * resources/entities/zh-surnames.tsv. `corpusNames`: how many names came from shared/corpus.
 */
export function trainingZhGazetteer(corpus: string, otherCorpora = true): { gazetteer: ZhGazetteer; corpusNames: number } {
  const rows = [...zhGazetteerFromCorpus(path.join(corpus, 'gazetteer-zh')), ...(otherCorpora ? zhNamesFromOtherCorpora(corpus) : [])];
  const gazetteer = buildZhGazetteer([...cedictNameRows(), ...rows], readResource('entities/zh-surnames.tsv').map((r) => r[0] ?? ''));
  return { gazetteer, corpusNames: rows.length };
}
