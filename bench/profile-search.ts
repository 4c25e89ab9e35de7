/**
 * npm run profile:search — where a query's time goes: builds PROFILE_DOCS synthetic documents
 * (default 5,000) from shared/corpus/prc-laws paragraphs, runs the bench query mix under the V8
 * CPU profiler (the same profile `node --cpu-prof` writes), and prints the functions with the
 * most self time and the share of SQLite (native), analysis, highlighting and the rest. The
 * .cpuprofile is written to bench/out/ for a closer look in Chrome's DevTools.
 *
 * PROFILE_SIZE=100000 (or 1000000) profiles bench:search-scale's cached collection of that size
 * (bench/search-corpus.ts) with its fixed mix instead, and splits each query's time into the
 * index's ranking and counting (query), facets, and the rest (hit pages, highlights, reasons).
 */
import fs from 'node:fs';
import os from 'node:os';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyseDocument, storeDocumentIndex } from '../src/index/index.js';
import { compileCached } from '../src/search/query-cache.js';
import { openApp } from '../src/main.js';
import { searchDocuments } from '../src/search/index.js';
import { ensureCorpus } from './search-corpus.js';
import { SCALE_QUERIES } from './search-scale-queries.js';
import { repo, shared, table, tempDir } from './support.js';

const SIZE = Number(process.env.PROFILE_SIZE ?? 0);
const N = SIZE || Number(process.env.PROFILE_DOCS ?? 5000);
type Query = [string, 'normalised' | 'cross-script' | 'exact', 'all' | 'any'];
const QUERIES: Query[] = SIZE
  ? SCALE_QUERIES.map((q): Query => [q.q, q.mode, q.match ?? 'all'])
  : [
    ['的', 'normalised', 'all'], ['规定', 'normalised', 'all'], ['人民法院', 'normalised', 'all'], ['国务院 规定', 'normalised', 'all'],
    ['国务院有关部门应当依照本法规定做好哪些工作？', 'normalised', 'any'], ['劳动合同', 'cross-script', 'all'], ['renmin fayuan', 'cross-script', 'all'], ['"中华人民共和国"', 'normalised', 'all'],
  ];
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? (SIZE ? 5 : 10));

const ws = SIZE ? await ensureCorpus(SIZE) : tempDir('profile-search');
const app = await openApp({ workspace: ws });
const analyser = app.analyser();
if (!SIZE) {
  const paragraphs: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name.endsWith('.md') && paragraphs.length < 20000) paragraphs.push(...fs.readFileSync(path.join(dir, e.name), 'utf8').split(/\n\s*\n/).filter((p) => p.trim().length > 40));
    }
  };
  walk(path.join(shared, 'prc-laws'));
  const { id: collectionId } = await app.db.insertInto('collections').values({ name: 'profile', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
  await app.db.transaction().execute(async (trx) => {
    for (let i = 0; i < N; i++) {
      const text = [paragraphs[(i * 7) % paragraphs.length]!, paragraphs[(i * 13 + 5) % paragraphs.length]!].join('\n');
      const { id } = await trx.insertInto('documents').values({ collection_id: collectionId, sha256: null, size: text.length, mime: 'text/plain', status: 'ok', reason: null, message: null, title: `doc ${i}`, parent_id: null, path: `doc-${i}.txt`, depth: 0, needs_ocr: 0, metadata: '{}', created_at: '', extracted_at: '' }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('pages').values({ document_id: id, page: 1, text }).execute();
      await storeDocumentIndex(trx, app.searchIndex, id, analyseDocument(analyser, { title: `doc ${i}`, path: `doc-${i}.txt`, metadata: {}, pages: [{ page: 1, text }] }));
    }
  });
}
const firstMs: Record<string, number> = {};
for (const [q, mode, match] of QUERIES) {
  const t0 = performance.now();
  await searchDocuments(app.db, app.searchIndex, analyser, q, { mode, match, limit: 20, facets: true });
  firstMs[q] = performance.now() - t0;
}

// Phases, outside the profiler: the index's ranking and count, the facets, and the whole search.
const median = (t: number[]) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)]!;
const phases: Array<Record<string, string | number>> = [];
if (SIZE) {
  for (const [q, mode, match] of QUERIES) {
    const { match: expr, filters } = compileCached(q, mode, analyser, match === 'any' ? 'or' : 'and');
    const t = { query: [] as number[], facets: [] as number[], search: [] as number[], searchFacets: [] as number[] };
    let total = '';
    // CPU time (every step is synchronous SQLite or JavaScript), less inflated than wall time by a shared machine's load.
    const cpuMs = async (f: () => Promise<unknown>) => {
      const c0 = process.cpuUsage();
      await f();
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    for (let round = 0; round < 3; round++) {
      t.query.push(await cpuMs(async () => {
        const r = await app.searchIndex.query(app.db, expr, filters, { limit: 20, offset: 0 });
        total = `${r.total}${r.totalIsLowerBound ? '+' : ''}`;
      }));
      t.facets.push(await cpuMs(() => app.searchIndex.facets(app.db, expr, filters)));
      t.search.push(await cpuMs(() => searchDocuments(app.db, app.searchIndex, analyser, q, { mode, match, limit: 20 })));
      t.searchFacets.push(await cpuMs(() => searchDocuments(app.db, app.searchIndex, analyser, q, { mode, match, limit: 20, facets: true })));
    }
    phases.push({ query: q, match, matches: total, 'first ms (wall)': +firstMs[q]!.toFixed(1), 'index.query CPU ms': +median(t.query).toFixed(2), 'facets CPU ms': +median(t.facets).toFixed(2), 'search CPU ms': +median(t.search).toFixed(2), 'search+facets CPU ms': +median(t.searchFacets).toFixed(2) });
  }
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const times: Record<string, number[]> = {};
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  for (const [q, mode, match] of QUERIES) {
    const t0 = performance.now();
    await searchDocuments(app.db, app.searchIndex, analyser, q, { mode, match, limit: 20 });
    (times[q] ??= []).push(performance.now() - t0);
  }
}
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - wall0;
const { profile } = await session.post('Profiler.stop');
session.disconnect();
await app.close();
fs.mkdirSync(path.join(repo, 'bench', 'out'), { recursive: true });
fs.writeFileSync(path.join(repo, 'bench', 'out', 'search.cpuprofile'), JSON.stringify(profile));

// Self time per function from the samples.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const counts = new Map<number, number>();
for (const s of profile.samples ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
let total = 0;
for (const [id, n] of counts) {
  const node = byId.get(id)!;
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
  self.set(key, (self.get(key) ?? 0) + n);
  total += n;
}
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([fn, n]) => ({ function: fn, 'self %': +((100 * n) / total).toFixed(1) }));
console.log(`${N} documents; the query mix × ${ROUNDS} rounds under the CPU profiler (${total} samples): ${(wall / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (phases.length) {
  console.log(table(phases));
  const col = (k: string) => median(phases.map((p) => Number(p[k])));
  console.log(`median over the mix, CPU ms: index.query ${col('index.query CPU ms').toFixed(2)}, facets ${col('facets CPU ms').toFixed(2)}, search ${col('search CPU ms').toFixed(2)}, search+facets ${col('search+facets CPU ms').toFixed(2)}`);
}
console.log(table(Object.entries(times).map(([q, t]) => ({ query: q, 'median ms': +t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!.toFixed(2) }))));
console.log(table(top));
if (!SIZE) fs.rmSync(ws, { recursive: true, force: true });
