/**
 * npm run bench:search-cpu — CPU per query of bench:search-scale's fixed mix on a cached
 * collection (bench/search-corpus.ts; read, never rebuilt), in process: the median of
 * SEARCH_CPU_ROUNDS (default 5) searches per query, as process.cpuUsage() measures it (every
 * step is synchronous SQLite or JavaScript, so it is the search's own CPU whatever the load).
 *
 * SEARCH_CPU_SIZE picks the collection (default 1000000). SEARCH_CPU_BASE=/path/to/other/src
 * (another checkout's src, e.g. `git archive` of an older commit with node_modules linked beside
 * it) runs that version too, interleaved query by query in the same process, and says for each
 * query whether both answer byte-identically (hits, order, scores, totals, highlights, facets),
 * and checks the same of EXTRA queries outside the mix (feedback, prefixes under NOT, filters
 * naming a collection, a second page), each asked twice (remembered statistics on the second).
 * SEARCH_CPU_ONLY=a,b keeps the queries whose text contains one of these.
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusWorkspace } from './search-corpus.js';
import { SCALE_QUERIES } from './search-scale-queries.js';
import { table } from './support.js';
import type * as Main from '../src/main.js';
import type * as Stage from '../src/search/index.js';

type Search = (q: string, options: { mode: 'normalised' | 'cross-script' | 'exact'; match?: 'all' | 'any'; limit: number; offset?: number; facets?: boolean }) => Promise<unknown>;

const EXTRA: Array<[string, Parameters<Search>[1]]> = [
  ['kernel signal handler patch', { mode: 'normalised', match: 'any', limit: 20, facets: true }],
  ['the man page of the kernel driver', { mode: 'normalised', match: 'any', limit: 20, facets: true }],
  ['how does the kernel handle a signal', { mode: 'normalised', match: 'any', limit: 10, offset: 10 }],
  ['patch* kernel', { mode: 'normalised', limit: 20, facets: true }],
  ['doc* -kernel', { mode: 'normalised', limit: 20 }],
  ['人民* 法院', { mode: 'normalised', limit: 20 }],
  ['the collection:nonexistent', { mode: 'normalised', limit: 20, facets: true }],
  ['the -lang:zh date:2019', { mode: 'normalised', limit: 20, facets: true }],
  ['renmin fayuan', { mode: 'cross-script', match: 'any', limit: 20 }],
  ['法院 规定 国务院 人民 劳动', { mode: 'normalised', match: 'any', limit: 20, facets: true }],
];

const SIZE = Number(process.env.SEARCH_CPU_SIZE ?? 1_000_000);
const ROUNDS = Number(process.env.SEARCH_CPU_ROUNDS ?? 5);
const only = (process.env.SEARCH_CPU_ONLY ?? '').split(',').filter(Boolean);
const queries = SCALE_QUERIES.filter((q) => only.length === 0 || only.some((o) => q.q.includes(o)));
const workspace = corpusWorkspace(SIZE);

async function load(src: string): Promise<{ search: Search; close: () => Promise<void> }> {
  const main = (await import(path.join(src, 'main.ts'))) as typeof Main;
  const stage = (await import(path.join(src, 'search', 'index.ts'))) as typeof Stage;
  const app = await main.openApp({ workspace });
  const analyser = app.analyser();
  return { search: (q, options) => stage.searchDocuments(app.db, app.searchIndex, analyser, q, options), close: () => app.close() };
}

const versions: Array<{ name: string; src: string }> = [{ name: 'this', src: path.resolve(import.meta.dirname, '..', 'src') }];
if (process.env.SEARCH_CPU_BASE) versions.push({ name: 'base', src: path.resolve(process.env.SEARCH_CPU_BASE) });
const loaded = await Promise.all(versions.map(async (v) => ({ ...v, ...(await load(v.src)) })));

// First answers (warm-up) and the identity check, with facets.
const answers = new Map<string, string[]>();
for (const q of queries) {
  for (const v of loaded) {
    const a = JSON.stringify(await v.search(q.q, { mode: q.mode, match: q.match, limit: 20, facets: true }));
    answers.set(q.q, [...(answers.get(q.q) ?? []), a]);
  }
}
const cpu: Record<string, Record<string, number[]>> = {};
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  for (const q of queries) {
    // Alternate which version goes first, so neither always finds the other's pages in the cache.
    const order = round % 2 === 0 ? loaded : [...loaded].reverse();
    for (const v of order) {
      const c0 = process.cpuUsage();
      await v.search(q.q, { mode: q.mode, match: q.match, limit: 20 });
      const c = process.cpuUsage(c0);
      ((cpu[q.q] ??= {})[v.name] ??= []).push((c.user + c.system) / 1000);
    }
  }
}
const used = process.cpuUsage(cpu0);
const median = (t: number[]) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)]!;
const rows = queries.map((q) => {
  const row: Record<string, string | number> = { query: q.q, match: q.match ?? 'all' };
  for (const v of loaded) row[`${v.name} CPU ms`] = +median(cpu[q.q]![v.name]!).toFixed(1);
  if (loaded.length > 1) {
    const [a, b] = answers.get(q.q)!;
    row.identical = a === b ? 'yes' : 'NO';
  }
  return row;
});
console.log(`${SIZE} documents, ${ROUNDS} rounds, ${((used.user + used.system) / 1e6).toFixed(1)} CPU-s, ${((performance.now() - wall0) / 1000).toFixed(1)} s wall; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(table(rows));
for (const v of loaded) console.log(`${v.name}: median over the mix ${median(queries.map((q) => median(cpu[q.q]![v.name]!))).toFixed(1)} CPU ms, mean ${(queries.reduce((s, q) => s + median(cpu[q.q]![v.name]!), 0) / queries.length).toFixed(1)}`);
if (loaded.some((v, i) => i > 0 && queries.some((q) => answers.get(q.q)![i] !== answers.get(q.q)![0]))) process.exitCode = 1;
if (loaded.length > 1) {
  let differ = 0;
  for (const [q, options] of EXTRA) {
    const seen = new Set<string>();
    for (let twice = 0; twice < 2; twice++) for (const v of loaded) seen.add(JSON.stringify(await v.search(q, options)));
    if (seen.size > 1) {
      differ++;
      console.log(`DIFFERENT: ${q} ${JSON.stringify(options)}`);
    }
  }
  console.log(`${EXTRA.length - differ} of ${EXTRA.length} queries outside the mix answered identically by both, twice`);
  if (differ) process.exitCode = 1;
}
for (const v of loaded) await v.close();
