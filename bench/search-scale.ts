/**
 * npm run bench:search-scale — search latency at 100,000 and 1,000,000 documents, over HTTP with
 * 1 and 8 clients and in-process, for a fixed query mix that includes the most common words of
 * both languages; recoll (recollq, a process per query, and its Python API in one process) on the
 * same documents in the same run. Every figure is printed with the machine's load average, since
 * the machine is shared.
 *
 * The collections are built once, streamed, into BENCH_CACHE (default /work/cache; see
 * search-corpus.ts; a stopped build resumes) and reused. BENCH_SIZES=100000 or 1000000 (or both,
 * comma-separated) picks the sizes (default: the ones already built, else 100,000); BENCH_ROUNDS
 * the rounds of the mix (default 3). recoll's index of a size is used when it exists and built
 * only for 100,000 documents unless BENCH_RECOLL_BUILD=1 (a million files take hours to index);
 * BENCH_RECOLL=0 skips recoll. The server answers searches on its search threads (DOSSIER_SEARCH_THREADS);
 * a last HTTP row has 8 clients against a server answering on its main thread, as before threads
 * (BENCH_MAIN_THREAD=0 skips it). Ends with one summary table: p50/p99, CPU seconds and load per row.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '../src/main.js';
import { searchDocuments } from '../src/search/index.js';
import { httpLatency } from './http-clients.js';
import { corpusWorkspace, ensureCorpus } from './search-corpus.js';
import { recollIndex } from './search-recoll.js';
import { SCALE_QUERIES } from './search-scale-queries.js';
import { ensureBuilt, percentile, table, writeResult } from './support.js';

ensureBuilt();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const stats = (system: string, times: number[], extra: Record<string, string | number> = {}) => ({
  system, queries: times.length, 'p50 ms': +percentile(times, 50).toFixed(2), 'p99 ms': +percentile(times, 99).toFixed(2), ...extra, 'load (1/5/15 min)': load(),
});


async function inProcess(workspace: string): Promise<{ row: Record<string, string | number>; perQuery: Array<Record<string, string | number>> }> {
  const app = await openApp({ workspace });
  const analyser = app.analyser();
  const byQuery = new Map<string, number[]>();
  const totals = new Map<string, string>();
  const all: number[] = [];
  for (const q of SCALE_QUERIES) await searchDocuments(app.db, app.searchIndex, analyser, q.q, { mode: q.mode, match: q.match, limit: 20 }); // warm
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of SCALE_QUERIES) {
      const t0 = performance.now();
      const result = await searchDocuments(app.db, app.searchIndex, analyser, q.q, { mode: q.mode, match: q.match, limit: 20 });
      const ms = performance.now() - t0;
      all.push(ms);
      byQuery.set(q.q, [...(byQuery.get(q.q) ?? []), ms]);
      totals.set(q.q, `${result.total}${result.totalIsLowerBound ? '+' : ''}`);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - wall0) / 1000;
  await app.close();
  return {
    row: stats('dossier in-process', all, { 'CPU s': +((cpu.user + cpu.system) / 1e6).toFixed(2), 'wall s': +wall.toFixed(2) }),
    perQuery: SCALE_QUERIES.map((q) => ({ query: q.q, mode: q.mode, match: q.match ?? 'all', matches: totals.get(q.q) ?? '', 'median ms': +percentile(byQuery.get(q.q) ?? [], 50).toFixed(2) })),
  };
}

function recollq(conf: string): Record<string, string | number> {
  const times: number[] = [];
  let cpu = 0;
  const wall0 = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of SCALE_QUERIES) {
      const t0 = performance.now();
      // Record filters (lang:, type:) are Dossier's query language: recoll gets the words.
      const child = spawnSync('/usr/bin/time', ['-f', '%U %S', 'recollq', '-c', conf, '-n', '20', recollWords(q.q)], { encoding: 'utf8' });
      times.push(performance.now() - t0);
      const [user = 0, system = 0] = (child.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
      cpu += user + system;
    }
  }
  return stats('recollq (a process per query)', times, { 'CPU s': +cpu.toFixed(2), 'wall s': +((performance.now() - wall0) / 1000).toFixed(2) });
}

const recollWords = (q: string) => q.replace(/\b(lang|type|date):\S+/g, '').trim();

/** recoll's Python API: one process, the queries timed inside it (the first 20 results fetched). */
function recollPython(conf: string): Record<string, string | number> | null {
  const script = `import json, sys, time
from recoll import recoll
db = recoll.connect(confdir=${JSON.stringify(conf)})
qs = json.loads(sys.stdin.read())
times = []
cpu = 0.0
for r in range(${ROUNDS + 1}):
    if r == 1: c0 = time.process_time()
    for q in qs:
        t0 = time.perf_counter()
        query = db.query()
        n = query.execute(q)
        for i in range(min(20, n)):
            query.fetchone()
        if r > 0: times.append((time.perf_counter() - t0) * 1000)
print(json.dumps({"times": times, "cpu": time.process_time() - c0}))
`;
  const wall0 = performance.now();
  const out = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(SCALE_QUERIES.map((q) => recollWords(q.q))), encoding: 'utf8' });
  const wall = (performance.now() - wall0) / 1000;
  if (out.status !== 0) {
    console.log(`recoll Python API unavailable: ${out.stderr.trim().split('\n').pop()}`);
    return null;
  }
  const { times, cpu } = JSON.parse(out.stdout) as { times: number[]; cpu: number };
  return stats('recoll Python API (in-process)', times, { 'CPU s': +cpu.toFixed(2), 'wall s': +wall.toFixed(2) });
}

const sizes = (process.env.BENCH_SIZES ?? '').split(',').filter(Boolean).map(Number);
const chosen = sizes.length ? sizes : [100_000, 1_000_000].filter((n) => n === 100_000 || fs.existsSync(path.join(corpusWorkspace(n), 'corpus-complete.json')));
const results: Record<string, unknown> = {};
const summary: Array<Record<string, string | number>> = [];
const started = performance.now();
for (const n of chosen) {
  const workspace = await ensureCorpus(n);
  console.log(`\n${n.toLocaleString('en')} documents (${workspace}), ${SCALE_QUERIES.length} queries × ${ROUNDS} rounds; load before: ${load()}`);
  const { row, perQuery } = await inProcess(workspace);
  console.log(table([row]));
  const rows: Array<Record<string, string | number>> = [row];
  for (const r of await httpLatency(workspace, SCALE_QUERIES, [1, 8], ROUNDS)) rows.push({ ...r, 'CPU s': r['server CPU s']!, 'load (1/5/15 min)': load() });
  // The same 8 clients with every search on the server's main thread (one connection), as before search threads.
  if (process.env.BENCH_MAIN_THREAD !== '0') for (const r of await httpLatency(workspace, SCALE_QUERIES, [8], ROUNDS, { DOSSIER_SEARCH_THREADS: '0' }, ', searches on the main thread')) rows.push({ ...r, 'CPU s': r['server CPU s']!, 'load (1/5/15 min)': load() });
  const conf = process.env.BENCH_RECOLL === '0' ? null : recollIndex(workspace, n === 100_000 || process.env.BENCH_RECOLL_BUILD === '1');
  if (conf) {
    rows.push(recollq(conf));
    const py = recollPython(conf);
    if (py) rows.push(py);
  } else console.log('recoll: skipped (not installed, BENCH_RECOLL=0, or no complete index of this size)');
  console.log(table(rows));
  console.log(`\nper query, in-process (${n.toLocaleString('en')} documents):`);
  console.log(table(perQuery));
  results[n] = { rows, perQuery };
  for (const r of rows) summary.push({ documents: n.toLocaleString('en'), system: r.system!, 'p50 ms': r['p50 ms']!, 'p99 ms': r['p99 ms']!, 'CPU s': r['CPU s'] ?? r['server CPU s'] ?? '', 'wall s': r['wall s'] ?? '', 'load (1/5/15 min)': r['load (1/5/15 min)']! });
}
console.log(`\nsummary (${SCALE_QUERIES.length} queries × ${ROUNDS} rounds per client; CPU s is the searching process's, over the whole run of that row; ${((performance.now() - started) / 1000).toFixed(0)} s in all; ${os.cpus().length} cores):`);
console.log(table(summary));
writeResult('search-scale', results);
