/**
 * Cranfield 1400: nDCG@10 over its 225 judged queries, Dossier in every mode and match setting
 * against plain SQLite FTS5 BM25 (unicode61, OR of the query words) on the same abstracts, and
 * the column-weight grid the shipped weights were chosen from.
 */
import { loadCranfield, ndcgAt10, writeCranfieldHtml } from './cranfield-data.js';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SEARCH_MODES, type SearchMode } from '../src/domain/search.js';
import { openApp } from '../src/main.js';
import { DEFAULT_FEEDBACK, type FeedbackOptions } from '../src/platform/search/feedback-rerank.js';
import { DEFAULT_PROXIMITY } from '../src/platform/search/proximity-rerank.js';
import { DEFAULT_WEIGHTS, SqliteSearchIndex } from '../src/platform/search/sqlite-search-index.js';
import { compileCached } from '../src/search/query-cache.js';
import { dossier, table, tempDir } from './support.js';

export async function evalCranfield(): Promise<Record<string, unknown>> {
  const { docs, queries, qrels } = loadCranfield();
  const ndcg = ndcgAt10;
  const cranDir = tempDir('cran-docs');
  writeCranfieldHtml(docs, cranDir);
  const cranWs = tempDir('cran-ws');
  dossier(['ingest', cranDir, '--workspace', cranWs, '--quiet']);
  const app = await openApp({ workspace: cranWs });
  const idToCran = new Map<number, number>();
  for (const row of await app.db.selectFrom('documents').select(['id', 'path']).execute()) idToCran.set(row.id, Number(/cran-(\d+)/.exec(row.path)?.[1]));
  const plain = new Database(':memory:');
  plain.exec('CREATE VIRTUAL TABLE t USING fts5(title, body)');
  const insert = plain.prepare('INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)');
  for (const [id, d] of docs) insert.run(id, d.T ?? '', d.W ?? '');
  const plainQuery = plain.prepare('SELECT rowid AS id FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10');
  // Tuning and held-out halves by a fixed rule: odd query numbers (1, 3, …, in cranqrel's numbering) tune, even ones are held out.
  const cranQueries = [...queries].filter(([qid]) => qrels.has(qid)).map(([qid, q]) => ({ qid, rel: qrels.get(qid)!, words: (q.W ?? '').toLowerCase().match(/[a-z0-9]+/g) ?? [] }));
  const judged = cranQueries.length;
  const halves = { tune: (qid: number) => qid % 2 === 1, heldOut: (qid: number) => qid % 2 === 0 };
  type Halves = { tune: number; heldOut: number; all: number; cpuMs?: number };
  const mean = (per: Array<{ qid: number; score: number }>): Halves => {
    const avg = (keep: (qid: number) => boolean) => {
      const xs = per.filter((p) => keep(p.qid));
      return +(xs.reduce((s, p) => s + p.score, 0) / Math.max(1, xs.length)).toFixed(4);
    };
    return { tune: avg(halves.tune), heldOut: avg(halves.heldOut), all: avg(() => true) };
  };
  const plainCpu = process.cpuUsage();
  const plainScores: Halves = mean(cranQueries.map(({ qid, rel, words }) => ({ qid, score: ndcg((plainQuery.all(words.map((w) => `"${w}"`).join(' OR ')) as Array<{ id: number }>).map((r) => r.id), rel) })));
  const plainUsed = process.cpuUsage(plainCpu);
  plainScores.cpuMs = +((plainUsed.user + plainUsed.system) / 1000 / cranQueries.length).toFixed(2);
  // `feedback`: pseudo-relevance feedback, as searchDocuments asks it for --match any (off for the steps before it).
  async function cranNdcg(index: SqliteSearchIndex, mode: SearchMode, match: 'any' | 'all', onlyTune = false, feedback = match === 'any'): Promise<Halves> {
    const per: Array<{ qid: number; score: number }> = [];
    const cpu = process.cpuUsage();
    for (const { qid, rel, words } of cranQueries) {
      if (onlyTune && !halves.tune(qid)) continue;
      // Ranking only (the index's query, as searchDocuments calls it): highlights and snippets do not change the order.
      const compiled = compileCached(words.join(' '), mode, app.analyser(), match === 'any' ? 'or' : 'and', false);
      const ours = compiled.match ? await index.query(app.db, compiled.match, compiled.filters, { limit: 10, offset: 0, feedback }) : { hits: [] };
      per.push({ qid, score: ndcg(ours.hits.map((h) => idToCran.get(h.documentId)!), rel) });
    }
    const used = process.cpuUsage(cpu);
    return { ...mean(per), cpuMs: +((used.user + used.system) / 1000 / per.length).toFixed(2) };
  }
  const row = (system: string, h: Halves) => ({ system, 'nDCG@10 tune (odd)': h.tune, 'nDCG@10 held out (even)': h.heldOut, 'all 225': h.all, 'CPU ms/query': h.cpuMs ?? '-' });
  // Tuning, on the odd queries only (normalised, --match any): column weights first, then the proximity re-ranking.
  const grid: Array<Record<string, string | number>> = [];
  const off = { weight: 0 };
  let best = { title: DEFAULT_WEIGHTS.t_norm, stem: DEFAULT_WEIGHTS.b_stem, tune: -1 };
  for (const title of [2, 4]) {
    for (const stem of [0.3, 0.6]) {
      const tune = (await cranNdcg(new SqliteSearchIndex({ t_exact: title, t_norm: title, b_stem: stem }, off), 'normalised', 'any', true, false)).tune;
      grid.push({ 'title weight': title, 'stem weight': stem, 'proximity weight': 0, window: '-', 'nDCG@10 tune': tune });
      if (tune > best.tune) best = { title, stem, tune };
    }
  }
  let bestProximity = { weight: 0, window: 0, tune: best.tune };
  for (const weight of [0.5, 1, 2]) {
    for (const window of [3, 5, 8]) {
      const tune = (await cranNdcg(new SqliteSearchIndex({ t_exact: best.title, t_norm: best.title, b_stem: best.stem }, { weight, window }), 'normalised', 'any', true, false)).tune;
      grid.push({ 'title weight': best.title, 'stem weight': best.stem, 'proximity weight': weight, window, 'nDCG@10 tune': tune });
      if (tune > bestProximity.tune) bestProximity = { weight, window, tune };
    }
  }
  // Pseudo-relevance feedback on the shipped weights and proximity, odd queries only: weight × feedback pages × words, then the stop-like cut.
  const feedbackGrid: Array<Record<string, string | number>> = [];
  let bestFeedback: FeedbackOptions & { tune: number } = { ...DEFAULT_FEEDBACK, weight: 0, tune: (await cranNdcg(new SqliteSearchIndex(), 'normalised', 'any', true, false)).tune };
  const tryFeedback = async (options: FeedbackOptions) => {
    const h = await cranNdcg(new SqliteSearchIndex({}, {}, {}, options), 'normalised', 'any', true, true);
    feedbackGrid.push({ weight: options.weight, 'feedback pages': options.docs, words: options.terms, 'max share': options.maxShare, 'nDCG@10 tune': h.tune, 'CPU ms/query': h.cpuMs ?? '-' });
    if (h.tune > bestFeedback.tune) bestFeedback = { ...options, tune: h.tune };
  };
  for (const weight of [0.5, 1, 2, 4]) for (const docs of [5, 10]) for (const terms of [10, 25]) await tryFeedback({ ...DEFAULT_FEEDBACK, weight, docs, terms });
  const chosen = { ...bestFeedback };
  for (const maxShare of [0.05, 0.25, 1]) await tryFeedback({ ...chosen, maxShare });
  // With feedback, is proximity still worth it? (odd half; printed, the shipped proximity is kept unless it is clearly not.)
  for (const weight of [0, 0.5]) {
    const h = await cranNdcg(new SqliteSearchIndex({}, { weight }, {}, DEFAULT_FEEDBACK), 'normalised', 'any', true, true);
    feedbackGrid.push({ weight: `shipped feedback, proximity weight ${weight}`, 'feedback pages': DEFAULT_FEEDBACK.docs, words: DEFAULT_FEEDBACK.terms, 'max share': DEFAULT_FEEDBACK.maxShare, 'nDCG@10 tune': h.tune, 'CPU ms/query': h.cpuMs ?? '-' });
  }
  // Every change on both halves: the steps from plain weights to the shipped ranking.
  const steps: Array<Record<string, string | number>> = [row('plain SQLite FTS5 BM25 (unicode61, title + body, OR of words)', plainScores)];
  const flat = { t_exact: 1, t_norm: 1, b_stem: 0, py: 1, pys: 0.5 };
  steps.push(row('Dossier, all columns weight 1, no stems, no proximity, no feedback', await cranNdcg(new SqliteSearchIndex(flat, off), 'normalised', 'any', false, false)));
  steps.push(row('+ stems (weight 0.6)', await cranNdcg(new SqliteSearchIndex({ ...flat, b_stem: 0.6 }, off), 'normalised', 'any', false, false)));
  steps.push(row('+ title weight 4 (no proximity)', await cranNdcg(new SqliteSearchIndex({ b_stem: 0.6 }, off), 'normalised', 'any', false, false)));
  steps.push(row(`+ proximity re-ranking ${JSON.stringify(DEFAULT_PROXIMITY)}`, await cranNdcg(new SqliteSearchIndex(), 'normalised', 'any', false, false)));
  steps.push(row(`+ pseudo-relevance feedback ${JSON.stringify(DEFAULT_FEEDBACK)} = shipped`, await cranNdcg(new SqliteSearchIndex(), 'normalised', 'any')));
  const { tune: _bestTune, ...bestOptions } = bestFeedback;
  steps.push(row(`best feedback of its tuning grid on the odd half: ${JSON.stringify(bestOptions)}`, await cranNdcg(new SqliteSearchIndex({}, {}, {}, bestOptions), 'normalised', 'any')));
  steps.push(row(`best weights and proximity of the tuning grid on the odd half (no feedback): title ${best.title}, stem ${best.stem}, proximity ${bestProximity.weight} / window ${bestProximity.window}`, await cranNdcg(new SqliteSearchIndex({ t_exact: best.title, t_norm: best.title, b_stem: best.stem }, { weight: bestProximity.weight, window: bestProximity.window }), 'normalised', 'any', false, false)));
  const settings: Array<Record<string, string | number>> = [];
  for (const mode of SEARCH_MODES) for (const match of ['any', 'all'] as const) settings.push(row(`Dossier ${mode} --match ${match}`, await cranNdcg(app.searchIndex as unknown as SqliteSearchIndex, mode, match)));
  settings.push(row('plain SQLite FTS5 BM25 (unicode61, OR of words)', plainScores));
  await app.close();
  console.log(`1. Cranfield 1400, nDCG@10 over ${judged} queries (graded: code 1 → gain 4 … code 4 → gain 1). Tuning half: odd query numbers (113); held out: even (112).`);
  console.log(`   shipped weights ${JSON.stringify(DEFAULT_WEIGHTS)}, proximity ${JSON.stringify(DEFAULT_PROXIMITY)}, feedback (--match any) ${JSON.stringify(DEFAULT_FEEDBACK)}`);
  console.log(table(settings));
  console.log('each change, both halves (normalised, --match any):');
  console.log(table(steps));
  console.log('tuning grid, odd queries only (normalised, --match any):');
  console.log(table(grid));
  console.log('pseudo-relevance feedback grid, odd queries only (normalised, --match any, shipped weights and proximity):');
  console.log(table(feedbackGrid));
  console.log('');
  fs.rmSync(cranDir, { recursive: true, force: true });
  fs.rmSync(cranWs, { recursive: true, force: true });
  return { queries: judged, split: 'odd query numbers tune, even held out', weights: DEFAULT_WEIGHTS, proximity: DEFAULT_PROXIMITY, feedback: DEFAULT_FEEDBACK, settings, steps, grid, feedbackGrid };
}

// Run alone: node --import tsx bench/eval-cranfield.ts
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await evalCranfield();
