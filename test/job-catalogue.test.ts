/**
 * The typed job catalogue through the built CLI, on SQLite and on a real PostgreSQL 15: a reindex,
 * a watch-list run and an entity resolution queued by one process (`--no-work`) are done by a
 * `dossier worker` process (on PostgreSQL in a second workspace sharing only the database and the
 * blob folder); their progress and the worker holding them are stored with the job and listed by
 * `dossier jobs`; a command waiting on its job reports what the worker did; rows no job can be made
 * of (an unknown kind, a payload that fails validation, one that is not JSON) become failed jobs
 * with a message, and the worker carries on.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, makeTempDir, removeDir, runCliOk, spawnCli } from './support/cli.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';
import { writeCorpus } from './support/search-json.js';

const CORPUS = {
  'zh/speech.txt': '中共中央总书记习近平在北京主持召开会议。新疆维吾尔自治区党委书记陈全国出席会议并讲话。\n',
  'zh/traditional.txt': '國家主席習近平在人民大會堂會見外賓，陳全國陪同會見。\n',
  'en/reuters.txt': 'President Xi Jinping met officials in Beijing on Monday. Chen Quanguo, the party secretary of Xinjiang, also attended.\n',
  'en/accents.txt': 'In a speech, Xí Jìnpíng praised the work of local officials.\n',
};

interface JobRow {
  id: number;
  name: string;
  state: string;
  error: string | null;
  lockedBy: string | null;
  done: number | null;
  total: number | null;
  rate: number | null;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

async function run(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await exited(child);
  return { code, stdout, stderr };
}

let pgServer: TestPostgres | null = null;
afterAll(() => pgServer?.stop());

describe.each(['sqlite', 'postgres'] as const)('job catalogue on %s', (backend) => {
  let dir = '';
  let ws = '';
  let workerWs = '';
  let env: Record<string, string> = {};
  let workerEnv: Record<string, string> = {};
  let documents = 0;
  let insertRaw: (kind: string, payload: string | null) => Promise<void> = async () => {};
  const cli = (args: string[], extra = env) => runCliOk([...args, '--workspace', ws], { env: extra });
  const jobs = async () => JSON.parse((await cli(['jobs', '--json'])).stdout) as { counts: Array<{ name: string; state: string; count: number }>; jobs: JobRow[] };
  const worker = () => spawnCli(['worker', '--exit', '--concurrency', '1', '--json', '--workspace', workerWs], { env: workerEnv });

  beforeAll(async () => {
    dir = makeTempDir('dossier-jobs-');
    ws = path.join(dir, 'ws');
    writeCorpus(path.join(dir, 'corpus'), CORPUS);
    if (backend === 'postgres') {
      pgServer = startPostgres();
      const url = pgServer.createDatabase();
      env = { DOSSIER_DATABASE_URL: url, DOSSIER_WORKERS: '1' };
      // The worker's machine: its own workspace folder, the database and the shared blob folder.
      workerWs = path.join(dir, 'worker-ws');
      workerEnv = { ...env, DOSSIER_BLOBS: path.join(ws, 'blobs') };
      insertRaw = async (kind, payload) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`INSERT INTO jobs (kind, document_id, state, attempts, updated_at, payload) VALUES ($1, NULL, 'queued', 0, $2, $3)`, [kind, new Date().toISOString(), payload]);
        await client.end();
      };
    } else {
      env = { DOSSIER_WORKERS: '1' };
      workerWs = ws;
      workerEnv = env;
      insertRaw = async (kind, payload) => {
        const db = new Database(path.join(ws, 'dossier.db'));
        db.pragma('busy_timeout = 5000');
        db.prepare(`INSERT INTO jobs (kind, document_id, state, attempts, updated_at, payload) VALUES (?, NULL, 'queued', 0, ?, ?)`).run(kind, new Date().toISOString(), payload);
        db.close();
      };
    }
    const summary = await ingest(ws, [path.join(dir, 'corpus')], { collection: 'leak', env });
    documents = summary.ok;
  }, 240_000);

  afterAll(() => removeDir(dir));

  it('reindex, watch-list and entity resolution queued here are done by a worker process, with their progress stored', async () => {
    expect(JSON.parse((await cli(['reindex', '--no-work', '--no-wait', '--json'])).stdout)).toEqual({ queued: true });
    const list = path.join(dir, 'names.csv');
    fs.writeFileSync(list, 'name\n习近平\nChen Quanguo\n');
    const queuedList = JSON.parse((await cli(['watchlist', 'run', list, '--no-work', '--no-wait', '--json'])).stdout) as { id: number; queued: boolean };
    expect(queuedList.queued).toBe(true);
    expect(JSON.parse((await cli(['entities', 'resolve', '--no-work', '--no-wait', '--json'])).stdout)).toEqual({ queued: true });
    // Rows no job can be made of: the worker fails them with a message and goes on.
    await insertRaw('frobnicate', null);
    await insertRaw('watchlist', JSON.stringify({ watchlistId: 'seven' }));
    await insertRaw('upload', '{not json');
    const before = await jobs();
    expect(before.jobs.filter((j) => j.state === 'queued').map((j) => j.name).sort()).toEqual(['entity-resolution', 'frobnicate', 'reindex', 'upload', 'watchlist', 'watchlist']);

    const child = worker();
    const result = await run(child);
    expect(result.code, result.stderr).toBe(0);
    const after = await jobs();
    const one = (name: string) => after.jobs.filter((j) => j.name === name);
    const [reindex] = one('reindex');
    expect(reindex).toMatchObject({ state: 'done', done: documents, total: documents });
    expect(reindex!.lockedBy).toContain(`:${child.pid}:`);
    const watchlists = one('watchlist');
    expect(watchlists.find((j) => j.state === 'done')).toMatchObject({ done: 2, total: 2 });
    expect(watchlists.find((j) => j.state === 'failed')?.error).toMatch(/invalid watchlist job.*watchlistId/);
    expect(one('entity-resolution')[0]).toMatchObject({ state: 'done' });
    expect(one('entity-resolution')[0]!.lockedBy).toContain(`:${child.pid}:`);
    expect(one('frobnicate')[0]).toMatchObject({ state: 'failed' });
    expect(one('frobnicate')[0]!.error).toMatch(/unknown job kind "frobnicate"/);
    expect(one('upload')[0]!.error).toMatch(/invalid upload job: its payload is not JSON/);
    expect(result.stderr).toMatch(/job \d+ failed: unknown job kind "frobnicate"/);

    // What the worker stored is what the list shows.
    const saved = JSON.parse((await cli(['watchlist', 'ls', '--json'])).stdout) as { id: number; ranAt: string | null };
    expect(saved.id).toBe(queuedList.id);
    expect(saved.ranAt).not.toBeNull();
    expect(after.counts).toEqual(expect.arrayContaining([{ name: 'reindex', state: 'done', count: 1 }, { name: 'frobnicate', state: 'failed', count: 1 }]));
    // The human listing names the kinds and their states.
    const text = (await cli(['jobs'])).stdout;
    expect(text).toMatch(/reindex\s+1 done/);
    expect(text).toMatch(/frobnicate\s+1 failed/);
  }, 240_000);

  it('a command waiting on its queued job reports what a worker started later did', async () => {
    const waiting = spawnCli(['reindex', '--no-work', '--json', '--workspace', ws], { env });
    const output = run(waiting);
    // The job is queued by the waiting command; a worker then takes it.
    const until = Date.now() + 60_000;
    while (!(await jobs()).jobs.some((j) => j.name === 'reindex' && j.state === 'queued') && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    const done = await run(worker());
    expect(done.code, done.stderr).toBe(0);
    const reported = await output;
    expect(reported.code, reported.stderr).toBe(0);
    const summary = JSON.parse(reported.stdout) as { documents: number; pages: number; seconds: number };
    expect(summary.documents).toBe(documents);
    expect(summary.pages).toBeGreaterThanOrEqual(documents);
  }, 240_000);

  it('without --no-work the command works its own job and prints the same summary as before', async () => {
    const summary = JSON.parse((await cli(['reindex', '--json'])).stdout) as { documents: number; pages: number; seconds: number };
    expect(Object.keys(summary).sort()).toEqual(['documents', 'pages', 'seconds']);
    expect(summary.documents).toBe(documents);
    const resolved = JSON.parse((await cli(['entities', 'resolve', '--json'])).stdout) as { entities: number };
    expect(resolved.entities).toBeGreaterThan(0);
    const latest = (await jobs()).jobs.find((j) => j.name === 'reindex');
    expect(latest).toMatchObject({ state: 'done', done: documents, total: documents });
    expect(latest!.lockedBy).not.toBeNull();
  }, 240_000);
});
