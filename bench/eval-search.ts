/**
 * npm run eval:search — search quality, printed as figures:
 *  1. Cranfield 1400: nDCG@10 over 225 queries, Dossier (--match any, normalised) against plain
 *     SQLite FTS5 BM25 (unicode61, OR of the query words) on the same abstracts.
 *  2. The cross-script test set (bench/eval/cross-script.json): per query and mode, precision and
 *     recall against the documents that must (and must not) match.
 *  3. Chinese words in unseen paragraphs: paragraphs sampled from shared/corpus/prc-laws, a third
 *     rewritten in traditional characters; for words sampled from other paragraphs, recall and
 *     precision of normalised search against a substring scan of the folded text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultAnalyser, foldText } from '../src/analyse/index.js';
import { openApp } from '../src/main.js';
import { SEARCH_MODES } from '../src/domain/search.js';
import { searchDocuments } from '../src/search/index.js';
import { evalChineseQa, findQaSet } from './eval-chinese-qa.js';
import { evalCranfield } from './eval-cranfield.js';
import { dossier, ensureBuilt, repo, shared, table, tempDir, writeResult } from './support.js';

ensureBuilt();
const results: Record<string, unknown> = {};

// ---------- 1. Cranfield ----------
results.cranfield = await evalCranfield();

// ---------- 2. Cross-script set ----------
const set = JSON.parse(fs.readFileSync(path.join(repo, 'bench', 'eval', 'cross-script.json'), 'utf8')) as { documents: Record<string, string>; queries: Array<{ q: string; mode: 'exact' | 'normalised' | 'cross-script'; expect: string[] }> };
const csDir = tempDir('cross-docs');
for (const [name, text] of Object.entries(set.documents)) fs.writeFileSync(path.join(csDir, `${name}.txt`), text);
const csWs = tempDir('cross-ws');
dossier(['ingest', csDir, '--workspace', csWs, '--quiet']);
const csApp = await openApp({ workspace: csWs });
const rows: Array<Record<string, string | number>> = [];
let tp = 0;
let fp = 0;
let fn = 0;
for (const { q, mode, expect } of set.queries) {
  const r = await searchDocuments(csApp.db, csApp.searchIndex, csApp.analyser(), q, { mode, limit: 100 });
  const got = new Set(r.hits.map((h) => path.basename(h.path, '.txt')));
  const want = new Set(expect);
  const hit = [...got].filter((g) => want.has(g)).length;
  tp += hit;
  fp += got.size - hit;
  fn += want.size - hit;
  const ok = hit === want.size && got.size === want.size;
  rows.push({ query: q, mode, expected: want.size, found: hit, extra: [...got].filter((g) => !want.has(g)).join(',') || '-', missed: [...want].filter((w) => !got.has(w)).join(',') || '-', ok: ok ? 'yes' : 'NO' });
}
await csApp.close();
console.log('2. Cross-script test set (bench/eval/cross-script.json)');
console.log(table(rows));
const cross = { queries: rows.length, passed: rows.filter((r) => r.ok === 'yes').length, precision: +(tp / (tp + fp)).toFixed(4), recall: +(tp / (tp + fn)).toFixed(4) };
results.crossScript = { ...cross, rows };
console.log(`passed ${cross.passed}/${cross.queries}; precision ${cross.precision}, recall ${cross.recall}\n`);

// ---------- 3. Chinese words in unseen paragraphs ----------
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const lawFiles: string[] = [];
const walk = (dir: string) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(path.join(dir, e.name));
    else if (e.name.endsWith('.md')) lawFiles.push(path.join(dir, e.name));
  }
};
walk(path.join(shared, 'prc-laws'));
lawFiles.sort();
const paragraphs: string[] = [];
for (const file of lawFiles) for (const p of fs.readFileSync(file, 'utf8').split(/\n\s*\n/)) if (/\p{Script=Han}{20,}/u.test(p) && p.length < 2000) paragraphs.push(p.trim());
const sample = Array.from({ length: 4000 }, () => paragraphs[Math.floor(random() * paragraphs.length)]!);
// A third of the paragraphs in traditional characters: the reverse of the folding map, first choice.
const s2t = new Map<string, string>();
for (const [t, s] of fs.readFileSync(path.join(repo, 'resources', 'cedict', 't2s.tsv'), 'utf8').split('\n').map((l) => l.split('\t'))) if (t && s && !s2t.has(s)) s2t.set(s, t);
const toTraditional = (text: string) => Array.from(text, (c) => s2t.get(c) ?? c).join('');
const paraDir = tempDir('para-docs');
const stored = sample.map((p, i) => (i % 3 === 0 ? toTraditional(p) : p));
stored.forEach((p, i) => fs.writeFileSync(path.join(paraDir, `p${String(i).padStart(5, '0')}.txt`), `${p}\n<!-- ${i} -->`));
const paraWs = tempDir('para-ws');
dossier(['ingest', paraDir, '--workspace', paraWs, '--quiet']);
const paraApp = await openApp({ workspace: paraWs });
const segmenter = defaultAnalyser().segmenter;
const words = new Set<string>();
while (words.size < 200) {
  const p = paragraphs[Math.floor(random() * paragraphs.length)]!;
  const candidates = (p.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => segmenter.cut(run)).filter((w) => w.length >= 2 && w.length <= 4);
  const w = candidates[Math.floor(random() * candidates.length)];
  if (w) words.add(random() < 0.3 ? toTraditional(w) : w);
}
const folded = stored.map((p) => foldText(p));
let ptp = 0;
let pfp = 0;
let pfn = 0;
let worst = '';
for (const w of words) {
  const fw = foldText(w);
  const want = new Set(folded.flatMap((p, i) => (p.includes(fw) ? [i] : [])));
  const got = new Set<number>();
  for (let offset = 0; ; offset += 1000) {
    const r = await searchDocuments(paraApp.db, paraApp.searchIndex, paraApp.analyser(), `"${w}"`, { limit: 1000, offset });
    r.hits.forEach((h) => got.add(Number(/p(\d+)\.txt$/.exec(h.path)?.[1])));
    if (offset + 1000 >= r.total) break;
  }
  const hit = [...got].filter((g) => want.has(g)).length;
  ptp += hit;
  pfp += got.size - hit;
  pfn += want.size - hit;
  if (hit < want.size && !worst) worst = `${w}: found ${hit} of ${want.size}`;
}
await paraApp.close();
const chinese = { paragraphs: stored.length, traditionalShare: '1/3', words: words.size, precision: +(ptp / (ptp + pfp)).toFixed(4), recall: +(ptp / (ptp + pfn)).toFixed(4), firstMiss: worst || null };
results.chineseWords = chinese;
console.log('3. Chinese words in unseen paragraphs (prc-laws, a third traditional; normalised mode)');
console.log(table([{ paragraphs: chinese.paragraphs, words: chinese.words, 'expected hits': ptp + pfn, precision: chinese.precision, recall: chinese.recall }]));
if (worst) console.log(`first miss: ${worst}`);
// ---------- 4. Chinese questions → paragraphs ----------
const qaSet = findQaSet();
if (qaSet) results.chineseQa = await evalChineseQa(qaSet, { perPart: Number(process.env.ZH_QA_PER_PART ?? 300), modes: [...SEARCH_MODES] });
writeResult('eval-search', results);
for (const dir of [csDir, csWs, paraDir, paraWs]) fs.rmSync(dir, { recursive: true, force: true });
