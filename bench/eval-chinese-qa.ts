/**
 * Chinese questions → the paragraph they were asked about, scored by MRR@10: Dossier in every
 * mode and match setting against plain SQLite FTS5 trigram and FTS5 BM25 over jieba-segmented
 * text, on the same paragraphs (a third rewritten in traditional characters) among prc-laws
 * paragraphs as distractors.
 *
 * The set is a SQuAD-style file of the CMRC 2018 *train* split (Cui et al., EMNLP 2019, CC BY-SA
 * 4.0, github.com/ymcui/cmrc2018, squad-style-data/cmrc2018_train.json) or the DRCD *training*
 * split (Delta Research Center, github.com/DRCKnowledgeTeam/DRCD, DRCD_training.json). It is not in
 * this repository: give its path in DOSSIER_ZH_QA or put it in bench/.cache/. Their dev and test
 * splits are kept for evaluation elsewhere and are refused here. Questions are split by paragraph:
 * even paragraphs tune, odd paragraphs are held out.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { defaultAnalyser } from '../src/analyse/index.js';
import { openApp } from '../src/main.js';
import { SqliteSearchIndex } from '../src/platform/search/sqlite-search-index.js';
import { compileCached } from '../src/search/query-cache.js';
import type { SearchMode } from '../src/domain/search.js';
import { dossier, repo, shared, table, tempDir } from './support.js';

interface Question {
  q: string;
  paragraph: number;
}

const CANDIDATES = ['cmrc2018_train.json', 'DRCD_training.json'];

/** The question set's file, or null (with how to get one printed). */
export function findQaSet(): string | null {
  const given = process.env.DOSSIER_ZH_QA;
  const file = given ?? CANDIDATES.map((name) => path.join(repo, 'bench', '.cache', name)).find((f) => fs.existsSync(f));
  if (!file || !fs.existsSync(file)) {
    console.log('4. Chinese questions → paragraphs: SKIPPED, no question set.');
    console.log('   Get squad-style-data/cmrc2018_train.json from github.com/ymcui/cmrc2018 (or DRCD_training.json from');
    console.log('   github.com/DRCKnowledgeTeam/DRCD) into bench/.cache/, or set DOSSIER_ZH_QA=/path/to/file.json.\n');
    return null;
  }
  if (/dev|test/i.test(path.basename(file))) throw new Error(`${file}: dev and test splits are kept for evaluation elsewhere; use a train (or trial) split`);
  return file;
}

function loadSet(file: string, maxParagraphs: number): { paragraphs: string[]; questions: Question[] } {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { data: Array<{ paragraphs: Array<{ context: string; qas: Array<{ question: string }> }> }> };
  const paragraphs: string[] = [];
  const questions: Question[] = [];
  for (const article of data.data) {
    for (const p of article.paragraphs) {
      if (paragraphs.length >= maxParagraphs) break;
      const index = paragraphs.push(p.context.trim()) - 1;
      for (const qa of p.qas) questions.push({ q: qa.question.trim(), paragraph: index });
    }
  }
  return { paragraphs, questions };
}

const rr = (ranked: number[], want: number) => {
  const at = ranked.slice(0, 10).indexOf(want);
  return at === -1 ? 0 : 1 / (at + 1);
};

export async function evalChineseQa(file: string, options: { perPart: number; modes: SearchMode[] }): Promise<Record<string, unknown>> {
  const started = Date.now();
  const { paragraphs, questions } = loadSet(file, 3000);
  // A third in traditional characters: the reverse of the folding map, first choice.
  const s2t = new Map<string, string>();
  for (const [t, s] of fs.readFileSync(path.join(repo, 'resources', 'cedict', 't2s.tsv'), 'utf8').split('\n').map((l) => l.split('\t'))) if (t && s && !s2t.has(s)) s2t.set(s, t);
  const stored = paragraphs.map((p, i) => (i % 3 === 2 ? Array.from(p, (c) => s2t.get(c) ?? c).join('') : p));
  // Distractors: Chinese statute paragraphs, so that ranking matters.
  const laws: string[] = [];
  const lawDir = path.join(shared, 'prc-laws');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name.endsWith('.md') && laws.length < 3000) for (const p of fs.readFileSync(path.join(dir, e.name), 'utf8').split(/\n\s*\n/)) if (/\p{Script=Han}{20,}/u.test(p) && p.length < 2000 && laws.length < 3000) laws.push(p.trim());
    }
  };
  walk(lawDir);
  const all = [...stored, ...laws];
  const dir = tempDir('zhqa-docs');
  all.forEach((p, i) => fs.writeFileSync(path.join(dir, `z${String(i).padStart(5, '0')}.txt`), `${p}\n`));
  const ws = tempDir('zhqa-ws');
  dossier(['ingest', dir, '--workspace', ws, '--quiet', '--no-ocr']);
  const app = await openApp({ workspace: ws });
  const byId = new Map<number, number>();
  for (const row of await app.db.selectFrom('documents').select(['id', 'path']).execute()) byId.set(row.id, Number(/z(\d+)\.txt$/.exec(row.path)?.[1]));

  // Baselines over the same texts.
  const segmenter = defaultAnalyser().segmenter;
  const words = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((run) => (/\p{Script=Han}/u.test(run) ? segmenter.cut(run) : [run.toLowerCase()]));
  const plain = new Database(':memory:');
  plain.exec("CREATE VIRTUAL TABLE tri USING fts5(body, tokenize = 'trigram'); CREATE VIRTUAL TABLE jb USING fts5(body, tokenize = 'unicode61')");
  const insTri = plain.prepare('INSERT INTO tri (rowid, body) VALUES (?, ?)');
  const insJb = plain.prepare('INSERT INTO jb (rowid, body) VALUES (?, ?)');
  plain.transaction(() => all.forEach((p, i) => {
    insTri.run(i, p);
    insJb.run(i, words(p).join(' '));
  }))();
  const triQuery = plain.prepare('SELECT rowid AS id FROM tri WHERE tri MATCH ? ORDER BY bm25(tri) LIMIT 10');
  const jbQuery = plain.prepare('SELECT rowid AS id FROM jb WHERE jb MATCH ? ORDER BY bm25(jb) LIMIT 10');
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const trigrams = (q: string) => [...new Set((q.match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((run) => { const c = Array.from(run); return c.length < 3 ? [] : c.slice(0, -2).map((_, i) => c.slice(i, i + 3).join('')); }))];
  const run = (stmt: Database.Statement, terms: string[]) => (terms.length ? (stmt.all(terms.map(quote).join(' OR ')) as Array<{ id: number }>).map((r) => r.id) : []);

  const parts = { tune: questions.filter((q) => q.paragraph % 2 === 0).slice(0, options.perPart), heldOut: questions.filter((q) => q.paragraph % 2 === 1).slice(0, options.perPart) };
  // --match any asks for pseudo-relevance feedback as searchDocuments does (it leaves Chinese queries alone); then normalised
  // without it and with it forced on Chinese too, to show what it would do.
  const shipped = app.searchIndex;
  const forced = new SqliteSearchIndex({}, {}, {}, { han: true });
  const settings = [
    ...options.modes.flatMap((mode) => (['any', 'all'] as const).map((match) => ({ mode, match, feedback: match === 'any', index: shipped, label: `dossier ${mode} --match ${match}` }))),
    { mode: 'normalised' as SearchMode, match: 'any' as const, feedback: false, index: shipped, label: 'dossier normalised --match any, no feedback' },
    { mode: 'normalised' as SearchMode, match: 'any' as const, feedback: true, index: forced, label: 'dossier normalised --match any, feedback forced on Chinese (not shipped)' },
  ];
  const rows: Array<Record<string, string | number>> = [];
  const out: Record<string, Record<string, number>> = {};
  const latencies: number[] = [];
  const cpuMs: Record<string, number> = {};
  for (const [part, qs] of Object.entries(parts)) {
    const scores: Record<string, number> = {};
    for (const { mode, match, feedback, index, label } of settings) {
      let sum = 0;
      const cpu = process.cpuUsage();
      for (const { q, paragraph } of qs) {
        const t0 = performance.now();
        // Ranking only (the index's query, as searchDocuments calls it): highlights and snippets do not change the order.
        const compiled = compileCached(q, mode, app.analyser(), match === 'any' ? 'or' : 'and', false);
        const r = compiled.match ? await index.query(app.db, compiled.match, compiled.filters, { limit: 10, offset: 0, feedback }) : { hits: [] };
        latencies.push(performance.now() - t0);
        sum += rr(r.hits.map((h) => byId.get(h.documentId)!), paragraph);
      }
      scores[label] = +(sum / qs.length).toFixed(4);
      const used = process.cpuUsage(cpu);
      cpuMs[label] = (cpuMs[label] ?? 0) + (used.user + used.system) / 1000;
    }
    scores['FTS5 trigram (OR of trigrams)'] = +(qs.reduce((s, { q, paragraph }) => s + rr(run(triQuery, trigrams(q)), paragraph), 0) / qs.length).toFixed(4);
    scores['FTS5 BM25, jieba words (OR)'] = +(qs.reduce((s, { q, paragraph }) => s + rr(run(jbQuery, [...new Set(words(q))]), paragraph), 0) / qs.length).toFixed(4);
    out[part] = scores;
  }
  const asked = parts.tune.length + parts.heldOut.length;
  for (const system of Object.keys(out.tune ?? {})) rows.push({ system, 'MRR@10 tune': out.tune![system]!, 'MRR@10 held out': out.heldOut![system]!, 'CPU ms/question': cpuMs[system] === undefined ? '-' : +(cpuMs[system]! / asked).toFixed(2) });
  await app.close();
  console.log(`4. Chinese questions → paragraphs (${path.basename(file)}: ${paragraphs.length} paragraphs, a third traditional, + ${laws.length} prc-laws distractors; ${parts.tune.length} tuning / ${parts.heldOut.length} held-out questions, split by paragraph)`);
  console.log(table(rows));
  latencies.sort((a, b) => a - b);
  console.log(`Dossier in-process ranking per question (compile + index query, no snippets): p50 ${latencies[Math.floor(latencies.length / 2)]!.toFixed(1)} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)]!.toFixed(1)} ms; ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(ws, { recursive: true, force: true });
  return { file: path.basename(file), paragraphs: paragraphs.length, distractors: laws.length, ...out };
}

// Run alone: node --import tsx bench/eval-chinese-qa.ts (ZH_QA_PER_PART, ZH_QA_MODES to narrow it).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const file = findQaSet();
  if (file) await evalChineseQa(file, { perPart: Number(process.env.ZH_QA_PER_PART ?? 400), modes: (process.env.ZH_QA_MODES?.split(',') ?? ['exact', 'normalised', 'cross-script']) as SearchMode[] });
}
