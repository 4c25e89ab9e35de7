/**
 * `npm run bench:scale`: the team server against the laptop (issue 14, "Measure").
 *  1. Ingest of the shared corpus (prc-laws + email-linux-man) on SQLite and on PostgreSQL, with 1
 *     and 2 `dossier worker` processes (each one extraction process): `dossier ingest --no-work
 *     --no-wait` registers and queues, then the workers (`--exit`) read everything. Documents/s,
 *     MB/s, CPU-seconds of the Dossier processes (and of the PostgreSQL server), lock waits over
 *     10 ms (PostgreSQL's log_lock_waits), deadlocks and retried transactions.
 *  2. /api/search over HTTP at 100,000 documents with 1 and 8 clients: SQLite FTS5 (the cached
 *     build of bench/search-corpus.ts) against PostgreSQL GIN (its copy, bench/pg-corpus.ts), and
 *     both index sizes.
 * Knobs: BENCH_SLICE=N takes the first N files of each corpus (default: all), BENCH_WORKERS=1,2
 * the worker counts, BENCH_BACKENDS=SQLite,PostgreSQL the HTTP backends, BENCH_ROUNDS the rounds of the query mix (default 2), BENCH_PARTS=ingest,http.
 * Every figure is printed with the load average: the machine is shared.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres } from '../test/support/postgres.js';
import { httpLatency } from './http-clients.js';
import { ensurePgCorpus } from './pg-corpus.js';
import { ensureCorpus } from './search-corpus.js';
import { SCALE_QUERIES } from './search-scale-queries.js';
import { ensureBuilt, repo, shared, table } from './support.js';

ensureBuilt();
const BIN = path.join(repo, 'bin', 'dossier.js');
const SLICE = Number(process.env.BENCH_SLICE ?? 0) || Infinity;
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** BENCH_BACKENDS=PostgreSQL (or SQLite) times one backend's HTTP latency only. */
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'SQLite,PostgreSQL').split(',');
const PARTS = new Set((process.env.BENCH_PARTS ?? 'ingest,http').split(','));
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

function walk(dir: string, keep: (name: string) => boolean, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) walk(path.join(dir, e.name), keep, out);
    else if (keep(e.name)) out.push(path.join(dir, e.name));
  }
  return out;
}

/** The two corpora copied into one folder (a slice of each with BENCH_SLICE). */
function corpus(): { dir: string; files: number; bytes: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-scale-'));
  const laws = walk(path.join(shared, 'prc-laws'), (n) => n.endsWith('.md')).slice(0, SLICE);
  const mail = walk(path.join(shared, 'email-linux-man', 'eml'), (n) => n.endsWith('.eml')).slice(0, SLICE);
  let bytes = 0;
  for (const [i, file] of [...laws, ...mail].entries()) {
    fs.copyFileSync(file, path.join(dir, `${i}-${path.basename(file)}`));
    bytes += fs.statSync(file).size;
  }
  return { dir, files: laws.length + mail.length, bytes };
}

/** CPU-seconds (user + system) of a process and its waited-for descendants, from /proc. */
function cpuOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime, stime, cutime, cstime are fields 14–17 (1-based); here shifted by the two before ') '.
    return fields.slice(11, 15).reduce((s, v) => s + Number(v), 0) / 100;
  } catch {
    return 0;
  }
}

/** The PostgreSQL server's CPU-seconds: the postmaster, its reaped backends, and the live ones. */
function postgresCpu(dataDir: string): number {
  const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  return cpuOf(pid) + children.reduce((s, c) => s + cpuOf(c), 0);
}

/** Run the built CLI under /usr/bin/time; resolves with stdout and the CPU-seconds of it and its children. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ out: string; cpu: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%U %S', process.execPath, BIN, ...args], { env: { ...process.env, DOSSIER_WORKERS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      const times = /([\d.]+) ([\d.]+)\s*$/.exec(err);
      if (code !== 0) reject(new Error(`dossier ${args[0]} exited ${code}: ${err.slice(-2000)}`));
      else resolve({ out, cpu: times ? Number(times[1]) + Number(times[2]) : Number.NaN });
    });
  });
}

interface IngestRun {
  setup: string;
  documents: number;
  seconds: number;
  cpu: number;
  pgCpu: number | null;
  lockWaits: number | string;
  deadlocks: number | string;
  retries: number;
  lost: number;
}

async function ingest(setup: string, dir: string, workers: number, pgServer: { url: string; dataDir: string; logFile: string } | null): Promise<IngestRun> {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-scale-ws-'));
  const env: NodeJS.ProcessEnv = pgServer ? { DOSSIER_DATABASE_URL: pgServer.url } : {};
  if (!pgServer) delete process.env.DOSSIER_DATABASE_URL;
  await run(['status', '--workspace', ws], env); // migrate before the race
  const logBefore = pgServer ? fs.readFileSync(pgServer.logFile, 'utf8').length : 0;
  const pgCpu0 = pgServer ? postgresCpu(pgServer.dataDir) : 0;
  const started = Date.now();
  const queued = await run(['ingest', dir, '--no-work', '--no-wait', '--no-ocr', '--json', '--workspace', ws], env);
  // Each worker is "another machine": its own workspace folder, only the database and blob folder shared.
  const results = await Promise.all(Array.from({ length: workers }, () =>
    // On SQLite the database is a file in the workspace, so its workers share the workspace.
    run(['worker', '--exit', '--json', '--no-ocr', '--concurrency', '1', '--workspace', pgServer ? fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-scale-w-')) : ws], { ...env, DOSSIER_BLOBS: path.join(ws, 'blobs') }),
  ));
  const seconds = (Date.now() - started) / 1000;
  const summaries = results.map((r) => JSON.parse(r.out) as { extracted: number; failed: number; retries: number; lost: number });
  let lockWaits: number | string = 'n/a';
  let deadlocks: number | string = 'n/a';
  if (pgServer) {
    lockWaits = (fs.readFileSync(pgServer.logFile, 'utf8').slice(logBefore).match(/still waiting for/g) ?? []).length;
    const client = new pg.Client({ connectionString: pgServer.url });
    await client.connect();
    deadlocks = Number((await client.query<{ n: string }>('SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0]?.n ?? 0);
    await client.end();
  }
  void queued;
  fs.rmSync(ws, { recursive: true, force: true });
  return {
    setup,
    documents: summaries.reduce((s, x) => s + x.extracted + x.failed, 0),
    seconds,
    cpu: results.reduce((s, r) => s + r.cpu, 0),
    pgCpu: pgServer ? postgresCpu(pgServer.dataDir) - pgCpu0 : null,
    lockWaits,
    deadlocks,
    retries: summaries.reduce((s, x) => s + x.retries, 0),
    lost: summaries.reduce((s, x) => s + x.lost, 0),
  };
}

async function ingestPart(): Promise<void> {
  const { dir, files, bytes } = corpus();
  const server = startPostgres();
  const dataDir = path.join(path.dirname(server.socketDir), 'data');
  const logFile = path.join(path.dirname(server.socketDir), 'log');
  try {
    // Every lock wait over 10 ms is logged ("still waiting for …"); deadlock_timeout is that delay.
    const admin = new pg.Client({ connectionString: server.createDatabase('admin') });
    await admin.connect();
    await admin.query("ALTER SYSTEM SET log_lock_waits = 'on'");
    await admin.query("ALTER SYSTEM SET deadlock_timeout = '10ms'");
    await admin.query('SELECT pg_reload_conf()');
    await admin.end();
    console.log(`1. Ingest of prc-laws + email-linux-man: ${files} files, ${(bytes / 1e6).toFixed(1)} MB, no OCR; \`dossier ingest --no-work\` queues, N \`dossier worker --exit --concurrency 1\` read (load before: ${load()})`);
    const rows: Array<Record<string, string | number>> = [];
    for (const workers of WORKERS) {
      for (const backend of ['SQLite', 'PostgreSQL'] as const) {
        const r = await ingest(`${backend}, ${workers} worker${workers === 1 ? '' : 's'}`, dir, workers, backend === 'PostgreSQL' ? { url: server.createDatabase(), dataDir, logFile } : null);
        const row = {
          setup: r.setup, documents: r.documents, 'wall s': +r.seconds.toFixed(1), 'docs/s': +(r.documents / r.seconds).toFixed(1), 'MB/s': +(bytes / 1e6 / r.seconds).toFixed(2),
          'Dossier CPU s': +r.cpu.toFixed(1), 'PostgreSQL CPU s': r.pgCpu === null ? '-' : +r.pgCpu.toFixed(1), 'lock waits >10 ms': r.lockWaits, deadlocks: r.deadlocks, retries: r.retries, 'lost leases': r.lost, load: load(),
        };
        rows.push(row);
        console.log(table([row]));
      }
    }
    console.log(`\n${table(rows)}`);
    const cpuPerDoc = rows.map((r) => (Number(r['Dossier CPU s']) + (Number(r['PostgreSQL CPU s']) || 0)) / Number(r.documents));
    console.log(`CPU per document (Dossier + PostgreSQL): ${cpuPerDoc.map((c) => `${(c * 1000).toFixed(0)} ms`).join(', ')}. Four workers need four free cores (and on PostgreSQL about one more for the server); on this 2-core machine more than 2 cannot be faster.`);
  } finally {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function httpPart(): Promise<void> {
  // The server writes (sign-in sessions): a copy of the shared SQLite build, made once and reused.
  const shared100k = await ensureCorpus(100_000);
  const liteWs = `${shared100k}-bench-scale-copy`;
  if (!fs.existsSync(path.join(liteWs, 'corpus-complete.json'))) {
    fs.mkdirSync(path.join(liteWs, 'blobs'), { recursive: true });
    const source = new Database(path.join(shared100k, 'dossier.db'), { readonly: true });
    await source.backup(path.join(liteWs, 'dossier.db'));
    source.close();
    fs.copyFileSync(path.join(shared100k, 'corpus-complete.json'), path.join(liteWs, 'corpus-complete.json'));
  }
  const pgCorpus = await ensurePgCorpus(100_000);
  try {
    const lite = new Database(path.join(liteWs, 'dossier.db'), { readonly: true });
    const liteBytes = Number(lite.prepare("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_index%'").pluck().get());
    lite.close();
    const client = new pg.Client({ connectionString: pgCorpus.url });
    await client.connect();
    const sizes = (await client.query<{ total: string; gin: string }>("SELECT pg_total_relation_size('search_chunks') AS total, pg_relation_size('search_chunks_tsv') AS gin")).rows[0]!;
    await client.end();
    console.log(`\n2. Index sizes at 100,000 documents: SQLite FTS5 (search_index*) ${(liteBytes / 1e6).toFixed(0)} MB; PostgreSQL search_chunks ${(Number(sizes.total) / 1e6).toFixed(0)} MB, of which the GIN index ${(Number(sizes.gin) / 1e6).toFixed(0)} MB`);
    const rows: Array<Record<string, string | number>> = [];
    for (const [name, ws, url] of ([['SQLite FTS5', liteWs, ''], ['PostgreSQL GIN', pgCorpus.workspace, pgCorpus.url]] as const).filter(([n]) => BACKENDS.some((b) => n.startsWith(b)))) {
      if (url) process.env.DOSSIER_DATABASE_URL = url;
      else delete process.env.DOSSIER_DATABASE_URL;
      const cpu0 = process.cpuUsage();
      const result = await httpLatency(ws, SCALE_QUERIES, [1, 8], ROUNDS);
      const mine = result.map((r) => ({ backend: name, ...r, 'load (1/5/15 min)': load() }));
      rows.push(...mine);
      const cpu = process.cpuUsage(cpu0);
      console.log(`${table(mine)}\n   (client CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
    }
    delete process.env.DOSSIER_DATABASE_URL;
    console.log(`/api/search at 100,000 documents, ${SCALE_QUERIES.length} queries × ${ROUNDS} rounds per client (bench/search-scale-queries.ts):`);
    console.log(table(rows));
  } finally {
    pgCorpus.stop();
  }
}

console.log(`bench:scale on ${os.cpus().length} cores; ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
if (PARTS.has('ingest')) await ingestPart();
if (PARTS.has('http')) await httpPart();
console.log(`done; ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
