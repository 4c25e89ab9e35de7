/**
 * Several `dossier serve` processes behind a proxy, on one real PostgreSQL 15 and one shared blob
 * folder (built CLI, real HTTP, real ingest): a name locked out by failed sign-ins on server A is
 * refused by server B; a session made on A works on B; an upload received by A, which is then
 * killed with kill -9, is finished by B and visible there. And an idle `dossier worker` is woken
 * by LISTEN/NOTIFY: it takes a new job long before its poll interval would have found it.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, runCliOk, spawnCli } from './support/cli.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';
import { HttpClient, pollUntil, startWorkbench, type Workbench } from './support/workbench.js';

interface Upload {
  id: number;
  state: string;
  collection: string;
  documents: { ok: number; failed: number; pending: number };
}

describe('two servers on one PostgreSQL', () => {
  let server: TestPostgres;
  let url = '';
  let client: pg.Client;
  let blobs = '';
  let wsA = '';
  let wsB = '';
  let a: Workbench;
  let b: Workbench;
  let env: Record<string, string> = {};

  beforeAll(async () => {
    server = startPostgres();
    url = server.createDatabase();
    [blobs, wsA, wsB] = [makeTempDir('dossier-serve-blobs-'), makeTempDir('dossier-serve-a-'), makeTempDir('dossier-serve-b-')];
    // Each server its own workspace folder; the database and the blob folder shared.
    env = { DOSSIER_DATABASE_URL: url, DOSSIER_BLOBS: blobs, DOSSIER_WORKERS: '1', DOSSIER_JOB_LEASE_MS: '3000' };
    for (const [name, role] of [['rita', 'reporter'], ['ada', 'admin']] as const) {
      await runCliOk(['user', 'add', name, '--role', role, '--password-stdin', '--workspace', wsA], { env, input: `${name}-password-123` });
    }
    [a, b] = await Promise.all([startWorkbench(wsA, env), startWorkbench(wsB, env)]);
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await client?.end();
    server?.stop();
    for (const dir of [blobs, wsA, wsB]) removeDir(dir);
  });

  it('a name locked out on one server is locked out on the other', async () => {
    const anon = new HttpClient(a.url);
    for (let i = 0; i < 5; i++) {
      const wrong = await anon.request('POST', '/api/session', { json: { username: 'rita', password: 'not-her-password' } });
      expect(wrong.status).toBe(401);
    }
    const other = await new HttpClient(b.url).request('POST', '/api/session', { json: { username: 'rita', password: 'rita-password-123' } });
    expect(other.status).toBe(429);
    expect(Number(other.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Another name is not affected, on either server.
    expect((await new HttpClient(b.url).request('POST', '/api/session', { json: { username: 'ada', password: 'ada-password-123' } })).status).toBe(200);
  });

  it('an upload received by a server killed at once is finished by the other, and visible there', async () => {
    const onA = await HttpClient.signIn(a.url, 'ada', 'ada-password-123');
    // The session is a database row: the same cookie works on B.
    const onB = Object.assign(new HttpClient(b.url), onA, { base: b.url }) as HttpClient;
    expect((await onB.json<{ user: { name: string } }>('/api/me')).user.name).toBe('ada');
    const form = new FormData();
    form.set('new_collection', 'leak');
    for (let i = 0; i < 6; i++) form.append('files', new Blob([`CORMORANT memo ${i}: the harbour ledger.\n`]), `memo-${i}.txt`);
    const answer = await onA.request('POST', '/api/uploads', { body: form });
    expect(answer.status, answer.body).toBe(202);
    a.process.kill('SIGKILL');
    const id = (JSON.parse(answer.body) as { upload: Upload }).upload.id;
    const done = await pollUntil('the upload to finish on B', async () => {
      const { upload } = await onB.json<{ upload: Upload }>(`/api/uploads/${id}`);
      return upload.state === 'done' || upload.state === 'failed' ? upload : null;
    }, 120_000);
    expect(done).toMatchObject({ state: 'done', collection: 'leak', documents: { ok: 6, failed: 0, pending: 0 } });
    // The upload's row says done inside the job's handler; the job's own row is marked done just
    // after the handler returns, in the worker's next statement: wait for it rather than race it.
    const job = await pollUntil('the upload job to be marked done', async () => {
      const rows = (await client.query<{ state: string; locked_by: string }>(`SELECT state, locked_by FROM jobs WHERE kind = 'upload' AND payload::json->>'uploadId' = $1`, [String(id)])).rows;
      return rows.length === 1 && rows[0]!.state === 'running' ? null : rows;
    }, 30_000);
    expect(job).toEqual([{ state: 'done', locked_by: expect.stringContaining(`:${b.process.pid}:`) }]);
    const listed = await onB.json<{ uploads: Upload[] }>('/api/uploads');
    expect(listed.uploads.map((u) => u.id)).toContain(id);
    const hits = await onB.json<{ total: number }>(`/api/search?q=CORMORANT`);
    expect(hits.total).toBe(6);
    expect(fs.existsSync(path.join(blobs, 'uploads', String(id)))).toBe(false);
  });

  it('an idle worker is woken by NOTIFY, long before its poll interval', async () => {
    const [ws, folder] = [makeTempDir('dossier-serve-w-'), makeTempDir('dossier-serve-late-')];
    try {
      // A worker that would look for work only every 10 minutes: only the notification can wake it in time.
      const worker = spawnCli(['worker', '--concurrency', '1', '--poll', '600000', '--workspace', ws], { env });
      let output = '';
      worker.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      await pollUntil('the worker to wait', async () => output.includes('waiting for jobs'), 60_000);
      // Past its first look at an empty queue, it sleeps.
      await new Promise((r) => setTimeout(r, 1500));
      fs.writeFileSync(path.join(folder, 'late.txt'), 'GANNET: a file that arrives while the worker sleeps.\n');
      await runCliOk(['ingest', folder, '-c', 'late', '--no-work', '--no-wait', '--workspace', ws], { env });
      const owner = await pollUntil('the worker to read the file', async () => {
        const row = await client.query<{ state: string; locked_by: string | null }>(`SELECT j.state, j.locked_by FROM jobs j JOIN documents d ON d.id = j.document_id WHERE j.kind = 'extract' AND d.path LIKE '%late.txt'`);
        return row.rows[0]?.state === 'done' ? row.rows[0].locked_by : null;
      }, 60_000);
      expect(owner).toContain(`:${worker.pid}:`);
      // Idle again (waiting on LISTEN with a 10-minute poll): SIGTERM stops it cleanly (decision 0005).
      const stopped = new Promise<number | null>((resolve) => (worker.exitCode !== null ? resolve(worker.exitCode) : worker.once('exit', (code) => resolve(code))));
      worker.kill('SIGTERM');
      const code = await Promise.race([stopped, new Promise<string>((r) => setTimeout(() => r('still running after 60 s'), 60_000))]);
      if (worker.exitCode === null) worker.kill('SIGKILL');
      expect(code).toBe(0);
    } finally {
      removeDir(ws);
      removeDir(folder);
    }
  });
});
