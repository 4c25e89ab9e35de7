/**
 * `npm run bench:scale-parity`: does PostgreSQL search rank like SQLite's, and how fast is it over
 * HTTP? On the same corpora ingested into both backends (built CLI; a PostgreSQL 15 started here):
 *  1. the cross-script test set (bench/eval/cross-script.json): for every query and mode, the same
 *     documents? the same order? (differences printed);
 *  2. Cranfield 1400: nDCG@10 and MRR@10 over its 225 judged queries, both backends, and how many
 *     queries return the same top ten;
 *  3. /api/search over HTTP with 1 and 8 concurrent clients on the Cranfield workspaces, p50/p99;
 *  4. index sizes (SQLite FTS5 shadow tables; PostgreSQL table + GIN index).
 * Each figure is printed with the machine's load (`uptime`): the machine is shared.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openApp } from '../src/main.js';
import type { SearchMode } from '../src/domain/search.js';
import { searchDocuments } from '../src/search/index.js';
import { startPostgres } from '../test/support/postgres.js';
import { httpLatency } from './http-clients.js';
import { dossier, ensureBuilt, repo, shared, table, tempDir } from './support.js';

ensureBuilt();
const load = () => `load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
const server = startPostgres();

type App = Awaited<ReturnType<typeof openApp>>;
async function both(dir: string, label: string): Promise<{ lite: App; pg: App; url: string; wsLite: string; wsPg: string }> {
  const [wsLite, wsPg] = [tempDir(`${label}-lite`), tempDir(`${label}-pg`)];
  const url = server.createDatabase();
  const t0 = Date.now();
  dossier(['ingest', dir, '--workspace', wsLite, '--quiet', '--no-ocr']);
  const t1 = Date.now();
  dossier(['ingest', dir, '--workspace', wsPg, '--quiet', '--no-ocr'], { DOSSIER_DATABASE_URL: url });
  console.log(`${label}: ingested in ${((t1 - t0) / 1000).toFixed(1)} s (SQLite), ${((Date.now() - t1) / 1000).toFixed(1)} s (PostgreSQL); ${load()}`);
  return { lite: await openApp({ workspace: wsLite }), pg: await openApp({ workspace: wsPg, database: url }), url, wsLite, wsPg };
}

const names = (hits: Array<{ path: string }>) => hits.map((h) => path.basename(h.path).replace(/\.(txt|html)$/, ''));

try {
  // ---------- 1. Cross-script set ----------
  const set = JSON.parse(fs.readFileSync(path.join(repo, 'bench', 'eval', 'cross-script.json'), 'utf8')) as { documents: Record<string, string>; queries: Array<{ q: string; mode: SearchMode }> };
  const csDir = tempDir('parity-cross');
  for (const [name, text] of Object.entries(set.documents)) fs.writeFileSync(path.join(csDir, `${name}.txt`), text);
  const cs = await both(csDir, 'cross-script set');
  let sameSet = 0;
  let sameOrder = 0;
  const diffs: Array<Record<string, string>> = [];
  for (const { q, mode } of set.queries) {
    const a = names((await searchDocuments(cs.lite.db, cs.lite.searchIndex, cs.lite.analyser(), q, { mode, limit: 100 })).hits);
    const b = names((await searchDocuments(cs.pg.db, cs.pg.searchIndex, cs.pg.analyser(), q, { mode, limit: 100 })).hits);
    const same = [...a].sort().join() === [...b].sort().join();
    if (same) sameSet++;
    if (a.join() === b.join()) sameOrder++;
    else diffs.push({ query: q, mode, SQLite: a.join(' ') || '-', PostgreSQL: b.join(' ') || '-', 'same set': same ? 'yes' : 'NO' });
  }
  console.log(`1. Cross-script set: ${set.queries.length} queries; same documents on ${sameSet}, same order on ${sameOrder}; ${load()}`);
  if (diffs.length) console.log(table(diffs));
  await cs.lite.close();
  await cs.pg.close();

  // ---------- 2. Cranfield ----------
  const parse = (file: string) => {
    const out: Array<Record<string, string>> = [];
    let field = '';
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (/^\.I\s+\d+/.test(line)) out.push({});
      else if (/^\.([TAWB])\s*$/.test(line)) field = line[1]!;
      else if (out.length) out[out.length - 1]![field] = `${out[out.length - 1]![field] ?? ''} ${line}`.trim();
    }
    return out;
  };
  const docs = parse(path.join(shared, 'cranfield', 'cran.all.1400'));
  const queries = parse(path.join(shared, 'cranfield', 'cran.qry'));
  const qrels = new Map<number, Map<number, number>>();
  for (const line of fs.readFileSync(path.join(shared, 'cranfield', 'cranqrel'), 'utf8').split('\n')) {
    const [q, d, code] = line.trim().split(/\s+/).map(Number);
    if (!q || !d || code === undefined) continue;
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)!.set(d, code >= 1 && code <= 4 ? 5 - code : 0);
  }
  const cranDir = tempDir('parity-cran');
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  docs.forEach((d, i) => fs.writeFileSync(path.join(cranDir, `cran-${String(i + 1).padStart(4, '0')}.html`), `<html><head><title>${escape(d.T ?? '')}</title></head><body><p>${escape(d.W ?? '')}</p></body></html>`));
  const cran = await both(cranDir, 'Cranfield 1400');
  const judged: Array<{ rel: Map<number, number>; words: string[] }> = [];
  queries.forEach((q, i) => {
    const rel = qrels.get(i + 1);
    if (rel) judged.push({ rel, words: (q.W ?? '').toLowerCase().match(/[a-z0-9]+/g) ?? [] });
  });
  const ndcg = (ranked: number[], rel: Map<number, number>) => {
    const dcg = ranked.slice(0, 10).reduce((s, d, i) => s + (2 ** (rel.get(d) ?? 0) - 1) / Math.log2(i + 2), 0);
    const ideal = [...rel.values()].sort((a, b) => b - a).slice(0, 10).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    return ideal === 0 ? 0 : dcg / ideal;
  };
  const mrr = (ranked: number[], rel: Map<number, number>) => {
    const at = ranked.slice(0, 10).findIndex((d) => (rel.get(d) ?? 0) > 0);
    return at < 0 ? 0 : 1 / (at + 1);
  };
  const tops: number[][][] = [];
  const rows: Array<Record<string, string | number>> = [];
  for (const [name, app] of [['SQLite FTS5', cran.lite], ['PostgreSQL GIN', cran.pg]] as const) {
    let n = 0;
    let m = 0;
    const top: number[][] = [];
    for (const { rel, words } of judged) {
      const r = await searchDocuments(app.db, app.searchIndex, app.analyser(), words.join(' '), { mode: 'normalised', match: 'any', limit: 10 });
      const ranked = r.hits.map((h) => Number(/cran-(\d+)/.exec(h.path)?.[1]));
      top.push(ranked);
      n += ndcg(ranked, rel);
      m += mrr(ranked, rel);
    }
    tops.push(top);
    rows.push({ backend: name, queries: judged.length, 'nDCG@10': +(n / judged.length).toFixed(4), 'MRR@10': +(m / judged.length).toFixed(4), load: load() });
  }
  const sameTop = tops[0]!.filter((t, i) => t.join() === tops[1]![i]!.join()).length;
  const overlap = tops[0]!.reduce((s, t, i) => s + t.filter((d) => tops[1]![i]!.includes(d)).length / Math.max(1, t.length), 0) / judged.length;
  console.log(`2. Cranfield 1400 (normalised, --match any): same top ten in the same order on ${sameTop} of ${judged.length} queries; top-10 overlap ${(overlap * 100).toFixed(0)} %`);
  console.log(table(rows));

  // ---------- 4. Index sizes ----------
  const liteSize = await sql<{ bytes: number }>`SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search_index%'`.execute(cran.lite.db).then((r) => Number(r.rows[0]?.bytes ?? 0)).catch(() => Number.NaN);
  const pgSize = await sql<{ bytes: number }>`SELECT pg_total_relation_size('search_chunks') AS bytes`.execute(cran.pg.db).then((r) => Number(r.rows[0]?.bytes ?? 0));
  const ginSize = await sql<{ bytes: number }>`SELECT pg_relation_size('search_chunks_tsv') AS bytes`.execute(cran.pg.db).then((r) => Number(r.rows[0]?.bytes ?? 0));
  console.log(`4. Index sizes on Cranfield: SQLite FTS5 ${(liteSize / 1e6).toFixed(2)} MB; PostgreSQL search_chunks ${(pgSize / 1e6).toFixed(2)} MB of which the GIN index ${(ginSize / 1e6).toFixed(2)} MB`);
  await cran.lite.close();
  await cran.pg.close();

  // ---------- 3. HTTP ----------
  const mix = judged.slice(0, 20).map(({ words }) => ({ q: words.slice(0, 6).join(' '), mode: 'normalised', match: 'any' as const }));
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  for (const [name, ws, url] of [['SQLite FTS5', cran.wsLite, ''], ['PostgreSQL GIN', cran.wsPg, cran.url]] as const) {
    if (url) process.env.DOSSIER_DATABASE_URL = url;
    else delete process.env.DOSSIER_DATABASE_URL;
    const result = await httpLatency(ws, mix, [1, 8], rounds);
    console.log(`3. ${name}, /api/search over HTTP on Cranfield 1400 (${execFileSync('uptime', { encoding: 'utf8' }).trim()})`);
    console.log(table(result));
  }
  delete process.env.DOSSIER_DATABASE_URL;
  for (const dir of [csDir, cs.wsLite, cs.wsPg, cranDir, cran.wsLite, cran.wsPg]) fs.rmSync(dir, { recursive: true, force: true });
} finally {
  server.stop();
}
