/**
 * The records and job-queue contracts, run against SQLite and a real PostgreSQL 15: the same
 * migrations, numbers as numbers, commands whose audit entry commits with their records, an audit
 * chain that never forks under concurrent writers, and a leased queue whose concurrent claimers
 * never share a job and whose killed worker's job is recovered exactly once.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashAuditRow } from '../src/domain/audit-chain.js';
import { migrations } from '../src/platform/db/migrations.js';
import { SqlJobQueue } from '../src/platform/queue/sql-job-queue.js';
import { backends, type OpenedBackend } from './support/backends.js';

const now = () => new Date().toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends())('$name backend', (backend) => {
  let main: OpenedBackend;
  const others: OpenedBackend[] = [];
  let documentIds: number[] = [];

  beforeAll(async () => {
    await backend.setup();
    main = await backend.open();
    for (let i = 0; i < 3; i++) others.push(await backend.open());
    const { id: collectionId } = await main.db.insertInto('collections').values({ name: 'c', created_at: now() }).returning('id').executeTakeFirstOrThrow();
    const rows = Array.from({ length: 60 }, (_, i) => ({ collection_id: collectionId, sha256: `h${i}`, size: 5_000_000_000 + i, status: 'pending' as const, path: `f${i}.txt`, depth: 0, needs_ocr: 0, metadata: '{}', created_at: now() }));
    documentIds = (await main.db.insertInto('documents').values(rows).returning('id').execute()).map((r) => r.id);
  });

  afterAll(async () => {
    for (const o of [main, ...others]) await o?.close();
    await backend.teardown();
  });

  describe('records', () => {
    it('applies every migration once, job leases included, even when opened again', async () => {
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(main.db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
      expect(applied.rows.map((r) => r.name)).toContain('0010-job-leases');
      const job = await main.db.selectFrom('jobs').select(['locked_by', 'locked_until']).limit(1).execute();
      expect(job).toEqual([]);
    });

    it('returns bigint columns and counts as numbers', async () => {
      const doc = await main.db.selectFrom('documents').select('size').where('id', '=', documentIds[3]!).executeTakeFirstOrThrow();
      expect(doc.size).toBe(5_000_000_003);
      const count = await main.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(count.n).toBe(60);
    });

    it('commits a command with its audit entry, and rolls both back together', async () => {
      await main.records.transact(async (tx) => {
        await tx.audit.append({ user: null, username: 'cli', action: 'contract.first', detail: { n: 1 } });
      });
      await expect(
        main.records.transact(async (tx) => {
          await tx.audit.append({ user: null, username: 'cli', action: 'contract.rolled-back' });
          throw new Error('the command failed after its audit entry');
        }),
      ).rejects.toThrow('the command failed');
      const actions = (await main.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
      expect(actions).toEqual(['contract.first']);
    });

    it('keeps one unforked audit chain under concurrent writers on several connections', async () => {
      // PostgreSQL: four pools writing at once. SQLite: one connection per process (a second one in
      // the same process would block the event loop in its busy wait); its transactions queue.
      const writers = backend.name === 'postgres' ? [main, ...others] : [main];
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => writers[i % writers.length]!.records.transact((tx) => tx.audit.append({ user: null, username: 'cli', action: 'contract.concurrent', detail: { i } }))),
      );
      const rows = await main.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
      expect(rows).toHaveLength(41);
      let prev = GENESIS_HASH;
      rows.forEach((row, i) => {
        expect(row.id).toBe(i + 1);
        expect(row.prev_hash).toBe(prev);
        const { hash, ...content } = row;
        expect(hashAuditRow(content)).toBe(hash);
        prev = hash;
      });
    });
  });

  describe('job queue', () => {
    it('never gives the same job to two concurrent claimers, and every job to one', async () => {
      const enqueuer = new SqlJobQueue();
      for (const id of documentIds) await enqueuer.enqueue(main.db, 'extract', id);
      const claimers = [main, ...others].map((handle) => ({ handle, queue: new SqlJobQueue() }));
      const taken = new Map<number, string>();
      const duplicates: number[] = [];
      await Promise.all(
        claimers.map(async ({ handle, queue }) => {
          for (;;) {
            const jobs = await queue.claim(handle.db, 'extract', 3);
            if (jobs.length === 0) return;
            for (const job of jobs) {
              if (taken.has(job.id)) duplicates.push(job.id);
              taken.set(job.id, queue.owner);
            }
            await sleep(1);
            for (const job of jobs) expect(await queue.complete(handle.db, job.id)).toBe(true);
          }
        }),
      );
      expect(duplicates).toEqual([]);
      expect(taken.size).toBe(60);
      // Every claimer got a share (they ran at once, not one after the other).
      expect(new Set(taken.values()).size).toBeGreaterThan(1);
      const left = await main.db.selectFrom('jobs').select('state').where('state', '!=', 'done').execute();
      expect(left).toEqual([]);
    });

    it("recovers a killed worker's job once, after its lease expires; the dead worker cannot complete it", async () => {
      const target = documentIds[0]!;
      await new SqlJobQueue().enqueue(main.db, 'ocr', target);
      const killed = new SqlJobQueue({ leaseMs: 400 });
      const [job] = await killed.claim(others[0]!.db, 'ocr', 5);
      expect(job?.documentId).toBe(target);
      // The worker dies here: no renewal. While its lease runs, nobody else gets the job.
      const rescuers = [new SqlJobQueue({ leaseMs: 60_000 }), new SqlJobQueue({ leaseMs: 60_000 })];
      expect(await rescuers[0]!.claim(main.db, 'ocr', 5)).toEqual([]);
      await sleep(700);
      const got = await Promise.all(rescuers.map((q, i) => q.claim([main, others[1]!][i]!.db, 'ocr', 5)));
      const winners = got.filter((g) => g.length > 0);
      expect(winners).toHaveLength(1);
      expect(winners[0]![0]).toMatchObject({ id: job!.id, attempts: 2 });
      expect(await killed.complete(others[0]!.db, job!.id)).toBe(false);
      const winner = rescuers[got.findIndex((g) => g.length > 0)]!;
      expect(await winner.complete(main.db, job!.id)).toBe(true);
      const row = await main.db.selectFrom('jobs').select(['state', 'locked_by', 'attempts']).where('id', '=', job!.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'done', locked_by: winner.owner, attempts: 2 });
    });

    it('keeps a job while its holder renews the lease', async () => {
      await new SqlJobQueue().enqueue(main.db, 'ocr', documentIds[1]!);
      const holder = new SqlJobQueue({ leaseMs: 300 });
      const [job] = await holder.claim(main.db, 'ocr', 1);
      const other = new SqlJobQueue();
      for (let i = 0; i < 4; i++) {
        await sleep(120);
        expect(await holder.renew(main.db, [job!.id])).toEqual([job!.id]);
        expect(await other.claim(others[2]!.db, 'ocr', 1)).toEqual([]);
      }
      expect(await holder.complete(main.db, job!.id)).toBe(true);
    });

    it('frees at once the jobs of a dead process on this machine, not those of a live one', async () => {
      const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
      await new SqlJobQueue().enqueue(main.db, 'ocr', documentIds[2]!);
      await new SqlJobQueue().enqueue(main.db, 'ocr', documentIds[4]!);
      const dead = new SqlJobQueue({ owner: `${os.hostname()}:${deadPid}:dead` });
      const live = new SqlJobQueue({ owner: `${os.hostname()}:${process.pid}:live` });
      await dead.claim(main.db, 'ocr', 1);
      await live.claim(main.db, 'ocr', 1);
      const restarted = new SqlJobQueue();
      expect(await restarted.reclaimDead(main.db)).toBe(1);
      const jobs = await restarted.claim(main.db, 'ocr', 5);
      expect(jobs.map((j) => j.documentId)).toEqual([documentIds[2]]);
    });
  });
});
