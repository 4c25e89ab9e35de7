/**
 * `dossier worker` stops cleanly on PostgreSQL: an idle worker (listening for NOTIFY, with a poll
 * interval of ten minutes, so only the signal can end its wait) sent SIGTERM, or SIGINT, stops
 * claiming, closes its listening connection and its pool and exits 0. The 60 s bound is a failure
 * bound (the worker hung), not a timing assertion.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, runCliOk, spawnCli } from './support/cli.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

function exitWithin(child: ChildProcess, ms: number): Promise<number | string> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('still running');
    }, ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? `signal ${signal}`);
    });
  });
}

describe('worker shutdown on PostgreSQL', () => {
  let server: TestPostgres;
  let env: Record<string, string> = {};
  let ws = '';

  beforeAll(async () => {
    server = startPostgres();
    env = { DOSSIER_DATABASE_URL: server.createDatabase(), DOSSIER_WORKERS: '1' };
    ws = makeTempDir('dossier-shutdown-');
    await runCliOk(['status', '--workspace', ws], { env });
  }, 120_000);

  afterAll(() => {
    server?.stop();
    removeDir(ws);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`an idle worker exits 0 on ${signal}, with its leases and connections closed`, async () => {
      const worker = spawnCli(['worker', '--concurrency', '1', '--poll', '600000', '--json', '--workspace', ws], { env });
      let output = '';
      worker.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      worker.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      const until = Date.now() + 60_000;
      while (!output.includes('waiting for jobs') && Date.now() < until && worker.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain('waiting for jobs');
      // Past its first look at an empty queue, it sleeps on LISTEN.
      await new Promise((r) => setTimeout(r, 1500));
      worker.kill(signal);
      expect(await exitWithin(worker, 60_000), output).toBe(0);
      expect(output).toContain('"worker"');
    }, 150_000);
  }
});
