/**
 * `npm run bench:scale`: the team server against the laptop. Ingest of BENCH_FILES statutes from
 * shared/corpus/prc-laws (default 120) on SQLite, on PostgreSQL with the ingest alone, and on
 * PostgreSQL with one `dossier worker` beside it (each process one extraction process, so the
 * ratio shows what a second machine adds); then query latency p50/p99 of the same queries on
 * both backends (in process: the search stage over each index), and whether the top ten agree.
 * Starts its own PostgreSQL 15 (test/support/postgres.ts). Bounded: a few minutes.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultAnalyser } from '../src/analyse/index.js';
import { openPostgresDatabase } from '../src/platform/db/postgres.js';
import { openSqliteDatabase } from '../src/platform/db/sqlite.js';
import { PgSearchIndex } from '../src/platform/search/pg-search-index.js';
import { SqliteSearchIndex } from '../src/platform/search/sqlite-search-index.js';
import { searchDocuments } from '../src/search/index.js';
import { startPostgres } from '../test/support/postgres.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'dossier.js');
const LAWS = path.resolve(ROOT, '..', 'shared', 'corpus', 'prc-laws');
const FILES = Number(process.env.BENCH_FILES ?? 120);
const QUERIES = ['合同', '人民法院', '刑法', '婚姻', '"人民代表大会"', '劳动 NOT 合同', '知识产权', '行政 处罚', '国务院', '证券*', '犯罪', '税'];

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, DOSSIER_WORKERS: '1', ...extra };
  if (!extra.DOSSIER_DATABASE_URL) delete e.DOSSIER_DATABASE_URL;
  return e;
}

function run(args: string[], extra: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => execFile(process.execPath, [BIN, ...args], { env: env(extra), maxBuffer: 64 << 20 }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout))));
}

function corpus(): { dir: string; bytes: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-scale-'));
  const files: string[] = [];
  for (const section of fs.readdirSync(LAWS).sort()) {
    const folder = path.join(LAWS, section);
    if (!fs.statSync(folder).isDirectory()) continue;
    for (const name of fs.readdirSync(folder).sort()) if (name.endsWith('.md')) files.push(path.join(folder, name));
  }
  let bytes = 0;
  files.slice(0, FILES).forEach((file, i) => {
    fs.copyFileSync(file, path.join(dir, `${i}-${path.basename(file)}`));
    bytes += fs.statSync(file).size;
  });
  return { dir, bytes };
}

async function ingest(label: string, dir: string, bytes: number, extra: Record<string, string>, workers = 0): Promise<string> {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-scale-ws-'));
  if (extra.DOSSIER_DATABASE_URL) await run(['status', '--workspace', ws], extra); // migrate before the race
  const children = Array.from({ length: workers }, () => spawn(process.execPath, [BIN, 'worker', '--concurrency', '1', '-q', '--workspace', fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-scale-w-'))], { env: env({ ...extra, DOSSIER_BLOBS: path.join(ws, 'blobs') }), stdio: 'ignore' }));
  const started = Date.now();
  const summary = JSON.parse(await run(['ingest', dir, '--json', '--no-ocr', '--workspace', ws], extra)) as { documents: number };
  const seconds = (Date.now() - started) / 1000;
  for (const c of children) c.kill('SIGTERM');
  console.log(`${label.padEnd(34)} ${summary.documents} documents in ${seconds.toFixed(1)} s: ${(summary.documents / seconds).toFixed(1)} docs/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s`);
  return ws;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  const server = startPostgres();
  const { dir, bytes } = corpus();
  try {
    console.log(`Ingest of ${FILES} statutes (${(bytes / 1e6).toFixed(1)} MB), one extraction process per Dossier process, no OCR:`);
    const sqliteWorkspace = await ingest('SQLite, ingest alone', dir, bytes, {});
    await ingest('PostgreSQL, ingest alone', dir, bytes, { DOSSIER_DATABASE_URL: server.createDatabase() });
    const pgUrl = server.createDatabase();
    await ingest('PostgreSQL, ingest + 1 worker', dir, bytes, { DOSSIER_DATABASE_URL: pgUrl }, 1);
    const lite = await openSqliteDatabase(path.join(sqliteWorkspace, 'dossier.db'));
    const pgh = await openPostgresDatabase(pgUrl);
    const analyser = defaultAnalyser();
    const backends = [
      { name: 'SQLite FTS5', db: lite.db, index: new SqliteSearchIndex() },
      { name: 'PostgreSQL GIN', db: pgh.db, index: new PgSearchIndex() },
    ];
    const tops = new Map<string, string[][]>();
    for (const b of backends) {
      const times: number[] = [];
      const top: string[][] = [];
      for (let rep = 0; rep < 3; rep++) {
        for (const q of QUERIES) {
          const t = performance.now();
          const r = await searchDocuments(b.db, b.index, analyser, q, { limit: 10 });
          times.push(performance.now() - t);
          if (rep === 0) top.push(r.hits.map((h) => h.path));
        }
      }
      tops.set(b.name, top);
      console.log(`${b.name.padEnd(16)} query p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (${times.length} queries, 1 client)`);
    }
    const [a, b] = [...tops.values()];
    let overlap = 0;
    let first = 0;
    QUERIES.forEach((_, i) => {
      const x = new Set(a![i]);
      overlap += b![i]!.filter((p) => x.has(p)).length / Math.max(1, Math.min(10, x.size));
      if (a![i]![0] === b![i]![0]) first++;
    });
    console.log(`Top-10 overlap SQLite vs PostgreSQL: ${((overlap / QUERIES.length) * 100).toFixed(0)} %; same first hit on ${first} of ${QUERIES.length} queries`);
    await lite.close();
    await pgh.close();
  } finally {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
