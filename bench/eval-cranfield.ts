/**
 * Cranfield 1400: nDCG@10 over its 225 judged queries, Dossier in every mode and match setting
 * against plain SQLite FTS5 BM25 (unicode61, OR of the query words) on the same abstracts, and
 * the column-weight grid the shipped weights were chosen from.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SEARCH_MODES, type SearchMode } from '../src/domain/search.js';
import { openApp } from '../src/main.js';
import { DEFAULT_WEIGHTS, SqliteSearchIndex } from '../src/platform/search/sqlite-search-index.js';
import { searchDocuments } from '../src/search/index.js';
import { dossier, shared, table, tempDir } from './support.js';

export async function evalCranfield(): Promise<Record<string, unknown>> {
  function parseCran(file: string): Map<number, Record<string, string>> {
    const out = new Map<number, Record<string, string>>();
    let current: Record<string, string> = {};
    let field = '';
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const id = /^\.I\s+(\d+)/.exec(line);
      if (id) {
        current = {};
        out.set(out.size + 1, current);
        continue;
      }
      const f = /^\.([TAWB])\s*$/.exec(line);
      if (f) {
        field = f[1]!;
        current[field] = '';
        continue;
      }
      current[field] = `${current[field] ?? ''} ${line}`.trim();
    }
    return out;
  }
  const docs = parseCran(path.join(shared, 'cranfield', 'cran.all.1400'));
  const queries = parseCran(path.join(shared, 'cranfield', 'cran.qry'));
  const qrels = new Map<number, Map<number, number>>();
  for (const line of fs.readFileSync(path.join(shared, 'cranfield', 'cranqrel'), 'utf8').split('\n')) {
    const [q, d, code] = line.trim().split(/\s+/).map(Number);
    if (!q || !d || code === undefined) continue;
    const gain = code >= 1 && code <= 4 ? 5 - code : 0;
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)!.set(d, gain);
  }
  function ndcg(ranked: number[], rel: Map<number, number>): number {
    const dcg = ranked.slice(0, 10).reduce((s, d, i) => s + (2 ** (rel.get(d) ?? 0) - 1) / Math.log2(i + 2), 0);
    const ideal = [...rel.values()].sort((a, b) => b - a).slice(0, 10).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    return ideal === 0 ? 0 : dcg / ideal;
  }
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const cranDir = tempDir('cran-docs');
  for (const [id, d] of docs) fs.writeFileSync(path.join(cranDir, `cran-${String(id).padStart(4, '0')}.html`), `<html><head><title>${escape(d.T ?? '')}</title></head><body><p>${escape(d.W ?? '')}</p></body></html>`);
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
  const cranQueries = [...queries].filter(([qid]) => qrels.has(qid)).map(([qid, q]) => ({ rel: qrels.get(qid)!, words: (q.W ?? '').toLowerCase().match(/[a-z0-9]+/g) ?? [] }));
  const judged = cranQueries.length;
  const plainSum = cranQueries.reduce((sum, { rel, words }) => sum + ndcg((plainQuery.all(words.map((w) => `"${w}"`).join(' OR ')) as Array<{ id: number }>).map((r) => r.id), rel), 0);
  async function cranNdcg(index: SqliteSearchIndex, mode: SearchMode, match: 'any' | 'all', proximity = true): Promise<number> {
    let sum = 0;
    for (const { rel, words } of cranQueries) {
      const ours = await searchDocuments(app.db, index, app.analyser(), words.join(' '), { mode, match, limit: 10, proximity });
      sum += ndcg(ours.hits.map((h) => idToCran.get(h.id)!), rel);
    }
    return +(sum / judged).toFixed(4);
  }
  // Column weights: a small grid on Cranfield (normalised, --match any); the shipped weights are DEFAULT_WEIGHTS.
  const grid: Array<Record<string, string | number>> = [];
  for (const title of [1, 2, 4]) {
    for (const stem of [0, 0.3, 0.6, 1]) {
      for (const proximity of [true, false]) grid.push({ 'title weight': title, 'stem weight': stem, proximity: proximity ? 'yes' : 'no', 'nDCG@10': await cranNdcg(new SqliteSearchIndex({ t_exact: title, t_norm: title, b_stem: stem }), 'normalised', 'any', proximity) });
    }
  }
  const settings: Array<Record<string, string | number>> = [];
  for (const mode of SEARCH_MODES) for (const match of ['any', 'all'] as const) settings.push({ system: `Dossier ${mode} --match ${match}`, 'nDCG@10': await cranNdcg(app.searchIndex as unknown as SqliteSearchIndex, mode, match) });
  await app.close();
  const plainNdcg = +(plainSum / judged).toFixed(4);
  settings.push({ system: 'plain SQLite FTS5 BM25 (unicode61, OR of words)', 'nDCG@10': plainNdcg });
  console.log(`1. Cranfield 1400, nDCG@10 over ${judged} queries (graded: code 1 → gain 4 … code 4 → gain 1); shipped weights ${JSON.stringify(DEFAULT_WEIGHTS)}`);
  console.log(table(settings));
  console.log('column weights tried (normalised, --match any):');
  console.log(table(grid));
  console.log('');
  fs.rmSync(cranDir, { recursive: true, force: true });
  fs.rmSync(cranWs, { recursive: true, force: true });
  return { queries: judged, weights: DEFAULT_WEIGHTS, settings, grid };
}

// Run alone: node --import tsx bench/eval-cranfield.ts
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await evalCranfield();
