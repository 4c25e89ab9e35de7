/**
 * npm run bench:search-scale — search latency at 100,000 and 1,000,000 documents, over HTTP with
 * 1 and 8 clients and in-process, for a fixed query mix that includes the most common words of
 * both languages; recoll (recollq, a process per query, and its Python API in one process) on the
 * same documents in the same run. Every figure is printed with the machine's load average, since
 * the machine is shared.
 *
 * The collections are built once, streamed, into BENCH_CACHE (default /work/cache; see
 * search-corpus.ts) and reused. BENCH_SIZES=100000,1000000 picks the sizes (default: the ones
 * already built, else 100,000); BENCH_ROUNDS the rounds of the mix (default 3).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '../src/main.js';
import { searchDocuments } from '../src/search/index.js';
import { httpLatency } from './http-clients.js';
import { SCALE_QUERIES } from './search-queries.js';
import { corpusWorkspace, ensureCorpus } from './search-corpus.js';
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
  await app.close();
  return {
    row: stats('dossier in-process', all),
    perQuery: SCALE_QUERIES.map((q) => ({ query: q.q, mode: q.mode, match: q.match ?? 'all', matches: totals.get(q.q) ?? '', 'median ms': +percentile(byQuery.get(q.q) ?? [], 50).toFixed(2) })),
  };
}

/** A recoll index of the same pages (one text file each), built once beside the collection. */
function recollIndex(workspace: string): string | null {
  if (spawnSync('sh', ['-c', 'command -v recollindex && command -v recollq'], { stdio: 'ignore' }).status !== 0) return null;
  const conf = `${workspace}-recoll`;
  const done = path.join(conf, 'index-complete');
  if (fs.existsSync(done)) return conf;
  const files = `${workspace}-files`;
  fs.rmSync(conf, { recursive: true, force: true });
  fs.mkdirSync(conf, { recursive: true });
  const t0 = performance.now();
  // Files in folders of 1,000, written by a streaming query (Python's sqlite3: no Node memory).
  const script = `import sqlite3, os\ncon = sqlite3.connect(${JSON.stringify(path.join(workspace, 'dossier.db'))})\nfor (doc, text) in con.execute('SELECT document_id, text FROM pages'):\n    d = os.path.join(${JSON.stringify(files)}, str(doc // 1000))\n    os.makedirs(d, exist_ok=True)\n    open(os.path.join(d, f'{doc}.txt'), 'w').write(text)\n`;
  spawnSync('/usr/bin/python3', ['-c', script], { stdio: 'inherit' });
  fs.writeFileSync(path.join(conf, 'recoll.conf'), `topdirs = ${files}\nnoaspell = 1\nloglevel = 2\nindexStemmingLanguages = english\n`);
  spawnSync('recollindex', ['-c', conf], { stdio: 'ignore' });
  fs.writeFileSync(done, String(Math.round((performance.now() - t0) / 1000)));
  return conf;
}

function recollq(conf: string): Record<string, string | number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of SCALE_QUERIES) {
      const t0 = performance.now();
      spawnSync('recollq', ['-c', conf, '-n', '20', q.q], { encoding: 'utf8' });
      times.push(performance.now() - t0);
    }
  }
  return stats('recollq (a process per query)', times);
}

/** recoll's Python API: one process, the queries timed inside it (the first 20 results fetched). */
function recollPython(conf: string): Record<string, string | number> | null {
  const script = `import json, sys, time
from recoll import recoll
db = recoll.connect(confdir=${JSON.stringify(conf)})
qs = json.loads(sys.stdin.read())
times = []
for r in range(${ROUNDS + 1}):
    for q in qs:
        t0 = time.perf_counter()
        query = db.query()
        n = query.execute(q)
        for i in range(min(20, n)):
            query.fetchone()
        if r > 0: times.append((time.perf_counter() - t0) * 1000)
print(json.dumps(times))
`;
  const out = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(SCALE_QUERIES.map((q) => q.q)), encoding: 'utf8' });
  if (out.status !== 0) {
    console.log(`recoll Python API unavailable: ${out.stderr.trim().split('\n').pop()}`);
    return null;
  }
  return stats('recoll Python API (in-process)', JSON.parse(out.stdout) as number[]);
}

const sizes = (process.env.BENCH_SIZES ?? '').split(',').filter(Boolean).map(Number);
const chosen = sizes.length ? sizes : [100_000, 1_000_000].filter((n) => n === 100_000 || fs.existsSync(path.join(corpusWorkspace(n), 'corpus-complete.json')));
const results: Record<string, unknown> = {};
for (const n of chosen) {
  const workspace = await ensureCorpus(n);
  console.log(`\n${n.toLocaleString('en')} documents (${workspace}), ${SCALE_QUERIES.length} queries × ${ROUNDS} rounds; load before: ${load()}`);
  const { row, perQuery } = await inProcess(workspace);
  console.log(table([row]));
  const rows: Array<Record<string, string | number>> = [row];
  for (const r of await httpLatency(workspace, SCALE_QUERIES, [1, 8], ROUNDS)) rows.push({ ...r, 'load (1/5/15 min)': load() });
  const conf = process.env.BENCH_RECOLL === '0' ? null : recollIndex(workspace);
  if (conf) {
    rows.push(recollq(conf));
    const py = recollPython(conf);
    if (py) rows.push(py);
  } else console.log('recoll: not installed or BENCH_RECOLL=0, skipped');
  console.log(table(rows));
  console.log(`\nper query, in-process (${n.toLocaleString('en')} documents):`);
  console.log(table(perQuery));
  results[n] = { rows, perQuery };
}
writeResult('search-scale', results);
