/**
 * The synthetic search collection of N documents (search-corpus.ts) on PostgreSQL, built once
 * into a PostgreSQL data folder beside the SQLite build (BENCH_CACHE/dossier-search-<N>-pg) and
 * reused: later runs only start the server on it.
 *
 * The documents, pages and their search rows are read from the SQLite build (never written: other
 * benchmarks use it) and streamed into PostgreSQL in transactions of 5,000 documents. The search
 * rows go through `pageVectors` — the function PgSearchIndex.replaceDocument uses — so the
 * tsvectors hold exactly the token streams FTS5 holds. The GIN index is dropped for the load and
 * built once at the end (as a restore would).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SEARCH_COLUMNS, rowDocument, type SearchColumn } from '../src/domain/search.js';
import { openApp } from '../src/main.js';
import { pageVectors } from '../src/platform/search/tsvector-text.js';
import { corpusWorkspace, ensureCorpus } from './search-corpus.js';

const BIN = process.env.DOSSIER_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;
const BATCH = 5000;

function pgRun(program: string, args: string[]): string {
  const file = path.join(BIN, program);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface PgCorpus {
  /** The workspace folder for `dossier serve` (blobs, config); the records are in PostgreSQL. */
  workspace: string;
  url: string;
  stop(): void;
}

/** Start PostgreSQL on a data folder that persists (the cache), on a Unix socket inside it. */
function startOn(base: string): { url: string; stop(): void } {
  const data = path.join(base, 'data');
  const socketDir = path.join(base, 'sock');
  const options = `-c listen_addresses='' -c unix_socket_directories='${socketDir}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 -c shared_buffers=128MB -c maintenance_work_mem=512MB -c max_wal_size=4GB`;
  // A server left running by a killed run: stop it first, so the options are ours.
  spawnSync(asRoot ? 'runuser' : path.join(BIN, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', path.join(BIN, 'pg_ctl'), '-D', data, '-m', 'fast', 'stop'] : ['-D', data, '-m', 'fast', 'stop'], { stdio: 'ignore' });
  pgRun('pg_ctl', ['-D', data, '-l', path.join(base, 'log'), '-o', options, '-w', 'start']);
  return {
    url: `postgres://postgres@/dossier?host=${encodeURIComponent(socketDir)}`,
    stop: () => void spawnSync(asRoot ? 'runuser' : path.join(BIN, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', path.join(BIN, 'pg_ctl'), '-D', data, '-m', 'fast', 'stop'] : ['-D', data, '-m', 'fast', 'stop'], { stdio: 'ignore' }),
  };
}

/** Copy one table's rows (all columns the two share) in batches of multi-row INSERTs. */
async function copyTable(lite: Database.Database, client: pg.Client, table: string, where = ''): Promise<void> {
  const pgColumns = new Set((await client.query<{ c: string }>('SELECT column_name AS c FROM information_schema.columns WHERE table_name = $1', [table])).rows.map((r) => r.c));
  const columns = (lite.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name).filter((c) => pgColumns.has(c));
  const rows = lite.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table} ${where}`).raw().iterate() as IterableIterator<unknown[]>;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (!batch.length) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, params);
    batch = [];
  };
  const perStatement = Math.floor(30_000 / columns.length);
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= perStatement) await flush();
  }
  await flush();
}

/** Build (or reuse) the PostgreSQL copy of the N-document collection; the server is left running until stop(). */
export async function ensurePgCorpus(n: number): Promise<PgCorpus> {
  const base = `${corpusWorkspace(n)}-pg`;
  const workspace = path.join(base, 'workspace');
  const done = path.join(base, 'corpus-complete.json');
  if (fs.existsSync(done)) return { workspace, ...startOn(base) };
  const liteWorkspace = await ensureCorpus(n);
  fs.rmSync(base, { recursive: true, force: true });
  fs.mkdirSync(path.join(base, 'sock'), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', base]);
  pgRun('initdb', ['-D', path.join(base, 'data'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const server = startOn(base);
  try {
    pgRun('createdb', ['-h', path.join(base, 'sock'), '-U', 'postgres', 'dossier']);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    // Migrations and the search table, as any Dossier process on this database makes them.
    await (await openApp({ workspace, database: server.url })).close();
    const lite = new Database(path.join(liteWorkspace, 'dossier.db'), { readonly: true, fileMustExist: true });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query('DROP INDEX search_chunks_tsv');
    await client.query('BEGIN');
    await copyTable(lite, client, 'collections');
    await copyTable(lite, client, 'documents');
    await copyTable(lite, client, 'pages');
    await client.query('COMMIT');
    console.log(`${n} documents and pages copied in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const rows = lite.prepare(`SELECT rowid AS pageId, ${SEARCH_COLUMNS.join(', ')} FROM search_index`).iterate() as IterableIterator<{ pageId: number } & Record<SearchColumn, string>>;
    let values: string[] = [];
    let params: unknown[] = [];
    let done_ = 0;
    const flush = async () => {
      if (values.length) await client.query(`INSERT INTO search_chunks (page_id, chunk, document_id, tsv) VALUES ${values.join(', ')}`, params);
      values = [];
      params = [];
    };
    await client.query('BEGIN');
    for (const row of rows) {
      for (const [chunk, tsv] of pageVectors(row).entries()) {
        params.push(row.pageId, chunk, rowDocument(row.pageId), tsv);
        const k = params.length;
        values.push(`($${k - 3}, $${k - 2}, $${k - 1}, $${k}::tsvector)`);
      }
      if (values.length >= 500) await flush();
      if (++done_ % BATCH === 0) {
        await flush();
        await client.query('COMMIT');
        if (done_ % 20_000 === 0) console.log(`${done_}/${n} search rows, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        await client.query('BEGIN');
      }
    }
    await flush();
    await client.query('COMMIT');
    const t1 = performance.now();
    await client.query('CREATE INDEX search_chunks_tsv ON search_chunks USING gin (tsv)');
    const ginSeconds = (performance.now() - t1) / 1000;
    for (const seq of ['collections', 'documents', 'pages']) await client.query(`SELECT setval(pg_get_serial_sequence('${seq}', 'id'), (SELECT max(id) FROM ${seq}))`);
    await client.query('VACUUM ANALYZE');
    await client.end();
    lite.close();
    const cpu = process.cpuUsage(cpu0);
    const seconds = (performance.now() - t0) / 1000;
    fs.writeFileSync(done, JSON.stringify({ documents: n, seconds: Math.round(seconds), ginSeconds: Math.round(ginSeconds), nodeCpuSeconds: Math.round((cpu.user + cpu.system) / 1e6), builtAt: new Date().toISOString() }));
    console.log(`built ${n} documents on PostgreSQL in ${seconds.toFixed(0)} s (GIN ${ginSeconds.toFixed(0)} s; Node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s): ${base}`);
    return { workspace, ...server };
  } catch (error) {
    server.stop();
    throw error;
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const corpus = await ensurePgCorpus(Number(process.argv[2] ?? 100_000));
  corpus.stop();
}
