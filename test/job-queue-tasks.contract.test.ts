/**
 * The typed side of the job-queue contract, on SQLite and a real PostgreSQL 15: a task job goes in
 * as `{name, data}` and comes out of a claim decoded and equal; rows no job can be made of (an
 * unknown kind, a payload failing validation, text that is not JSON, an OCR option of the wrong
 * type) are failed with a message, never handed to a runner; progress is saved only while the
 * lease is ours, and the jobs repository reads it back decoded; an aborted wait returns at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlJobQueue, type RejectedJob } from '../src/platform/queue/sql-job-queue.js';
import { backends, type OpenedBackend } from './support/backends.js';

const now = () => new Date().toISOString();

describe.each(backends())('$name backend', (backend) => {
  let main: OpenedBackend;
  let other: OpenedBackend;
  let documentId = 0;

  beforeAll(async () => {
    await backend.setup();
    main = await backend.open();
    other = await backend.open();
    const { id: collectionId } = await main.db.insertInto('collections').values({ name: 'c', created_at: now() }).returning('id').executeTakeFirstOrThrow();
    documentId = (await main.db.insertInto('documents').values({ collection_id: collectionId, sha256: 'h', size: 1, status: 'pending', path: 'f.txt', depth: 0, needs_ocr: 0, metadata: '{}', created_at: now() }).returning('id').executeTakeFirstOrThrow()).id;
  });

  afterAll(async () => {
    await main?.close();
    await other?.close();
    await backend.teardown();
  });

  const raw = (kind: string, payload: string | null, document: number | null = null) =>
    main.db.insertInto('jobs').values({ kind, document_id: document, state: 'queued', attempts: 0, error: null, updated_at: now(), payload, locked_by: null, locked_until: null, progress: null }).returning('id').executeTakeFirstOrThrow();

  it('a task job comes out of a claim as it went in; progress is saved while the lease is ours and read back decoded', async () => {
    const queue = new SqlJobQueue();
    const data = { watchlistId: 7, mode: 'cross-script', limit: 50, since: null, allowedCollections: ['leak'] };
    const id = await queue.enqueueJob(main.db, { name: 'watchlist', data });
    const { tasks, rejected } = await queue.claimTasks(other.db, ['watchlist'], 5);
    expect(rejected).toBe(0);
    expect(tasks).toEqual([{ id, attempts: 1, job: { name: 'watchlist', data }, progress: null }]);
    const progress = { done: 3, total: 10, rate: 1.5, note: 'names', cursor: null, result: null };
    expect(await queue.saveProgress(main.db, id, progress)).toBe(true);
    expect(await new SqlJobQueue().saveProgress(main.db, id, { ...progress, done: 9 })).toBe(false);
    expect(await main.records.read.jobs.get(id)).toMatchObject({ name: 'watchlist', state: 'running', lockedBy: queue.owner, progress });
    expect(await queue.complete(main.db, id, { ...progress, done: 10, result: { found: 2 } })).toBe(true);
    expect((await main.records.read.jobs.get(id))?.progress).toMatchObject({ done: 10, result: { found: 2 } });
    // Claimed only by a runner that takes its kind, or by id.
    const reindex = await queue.enqueueJob(main.db, { name: 'reindex', data: {} });
    expect((await queue.claimTasks(main.db, ['upload'], 5)).tasks).toEqual([]);
    expect((await queue.claimTasks(main.db, ['reindex'], 5, [reindex + 1000])).tasks).toEqual([]);
    expect((await queue.claimTasks(main.db, ['reindex'], 5, [reindex])).tasks.map((t) => t.id)).toEqual([reindex]);
  });

  it('fails rows that are no job, with why, and hands none of them to a runner', async () => {
    const rejectedJobs: RejectedJob[] = [];
    const queue = new SqlJobQueue({ onRejected: (job) => rejectedJobs.push(job) });
    const unknown = await raw('frobnicate', null);
    const invalid = await raw('upload', JSON.stringify({ uploadId: 'x' }));
    const notJson = await raw('entity-resolution', '{oops');
    const badOcr = await raw('ocr', JSON.stringify({ langs: 'eng; rm -rf /' }), documentId);
    const { tasks, rejected } = await queue.claimTasks(main.db, ['upload', 'entity-resolution'], 10);
    expect(tasks).toEqual([]);
    expect(rejected).toBe(3);
    expect(await queue.claim(main.db, 'ocr', 10)).toEqual([]);
    const error = async (id: number) => (await main.records.read.jobs.get(id))?.error;
    expect(await error(unknown.id)).toMatch(/unknown job kind "frobnicate"/);
    expect(await error(invalid.id)).toMatch(/invalid upload job: an upload job needs \{uploadId\}/);
    expect(await error(notJson.id)).toMatch(/invalid entity-resolution job: its payload is not JSON/);
    expect(await error(badOcr.id)).toMatch(/invalid ocr job: ocr langs/);
    expect(rejectedJobs.map((j) => j.id).sort((a, b) => a - b)).toEqual([unknown.id, invalid.id, notJson.id, badOcr.id]);
    const counts = await main.records.read.jobs.counts();
    expect(counts).toEqual(expect.arrayContaining([{ name: 'frobnicate', state: 'failed', count: 1 }]));
  });

  it('a wait whose signal was aborted before it began returns at once (a stop is never slept through)', async () => {
    const queue = new SqlJobQueue();
    const stop = new AbortController();
    stop.abort();
    const outcome = await Promise.race([queue.waitForWork(600_000, stop.signal).then(() => 'returned'), new Promise((r) => setTimeout(() => r('still waiting after 30 s'), 30_000))]);
    expect(outcome).toBe('returned');
  });
});
