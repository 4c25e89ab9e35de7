import type { Kysely } from 'kysely';
import type { ExtractionResult } from '../domain/extraction.js';
import { storeDocumentIndex, type SearchIndexWriter } from '../index/index.js';
import { checkSources, ensureCollection, EXTRACT_JOB, recordOutcome, registerFile, registerUnreadable, walkSources, type BlobStore, type JobEnqueuer } from '../ingest/index.js';
import type { Limits } from '../platform/config.js';
import type { Database } from '../platform/db/schema.js';
import type { ClaimedJob } from '../platform/queue/sql-job-queue.js';
import type { ExtractReply, ExtractTask } from './catalogue.js';
import { estimateRemaining, type IngestProgress } from './progress.js';

/** The queue operations the ingest job graph uses. */
export interface JobQueue extends JobEnqueuer {
  claim(db: Kysely<Database>, kind: string, limit: number): Promise<ClaimedJob[]>;
  complete(db: Kysely<Database>, id: number): Promise<void>;
  recoverInterrupted(db: Kysely<Database>): Promise<number>;
  countQueued(db: Kysely<Database>, kind: string): Promise<number>;
}

/** Runs one extraction somewhere with limits (the worker pool). */
export interface Extractor {
  run(task: ExtractTask): Promise<ExtractReply>;
}

export interface IngestDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  queue: JobQueue;
  index: SearchIndexWriter;
  extractor: Extractor;
  limits: Limits;
  pdfEngine: 'poppler' | 'pdfjs';
  /** How many documents to have in flight at once: the number of extraction processes. */
  parallel: number;
}

export interface IngestSummary {
  collection: string;
  /** Files found under the given paths in this run. */
  files: number;
  bytes: number;
  /** Documents registered in this run (new content), members included. */
  added: number;
  /** Documents read in this run. */
  extracted: number;
  /** Totals for the collection after the run. */
  documents: number;
  ok: number;
  failed: number;
  pending: number;
  /** Interrupted jobs from an earlier run that were picked up again. */
  resumed: number;
  seconds: number;
}

/**
 * Ingest paths into a collection: store and register every file while extraction processes read
 * what is registered, members of containers included, until nothing is queued. Every step is
 * persisted, so a killed run resumes where it stopped and a repeated run adds nothing.
 */
export async function runIngest(deps: IngestDeps, paths: string[], collection: string, onProgress: (p: IngestProgress) => void = () => {}): Promise<IngestSummary> {
  checkSources(paths);
  const { db, queue } = deps;
  const started = Date.now();
  const resumed = await queue.recoverInterrupted(db);
  const collectionId = await ensureCollection(db, collection);

  const state = { filesTotal: 0, bytesTotal: 0, filesDone: 0, bytesDone: 0, extracted: 0, failed: 0, added: 0, phase: 'scanning' as IngestProgress['phase'] };
  for await (const entry of walkSources(paths)) {
    state.filesTotal++;
    if (entry.kind === 'file') state.bytesTotal += entry.size;
  }
  let queued = await queue.countQueued(db, EXTRACT_JOB);
  const snapshot = (): IngestProgress => {
    const p = { ...state, queued, elapsed: (Date.now() - started) / 1000 };
    return { ...p, eta: estimateRemaining(p) };
  };
  const ticker = setInterval(() => onProgress(snapshot()), 250);

  let registering = true;
  state.phase = 'storing';
  const registration = (async () => {
    const deps2 = { db, blobs: deps.blobs, queue, maxFileBytes: deps.limits.maxFileBytes };
    for await (const entry of walkSources(paths)) {
      const outcome =
        entry.kind === 'file'
          ? await registerFile(deps2, collectionId, entry)
          : await registerUnreadable(db, collectionId, entry.path, entry.kind === 'unreadable' ? 'unreadable' : 'unsupported', entry.message);
      if (outcome === 'new') {
        state.added++;
        queued++;
      }
      state.filesDone++;
      if (entry.kind === 'file') state.bytesDone += entry.size;
    }
  })().finally(() => {
    registering = false;
  });

  try {
    await drainQueue(deps, state, () => registering, (n) => (queued = Math.max(0, queued + n)));
    await registration;
    // Anything registered after the last claim (a race at the very end) is drained too.
    await drainQueue(deps, state, () => false, (n) => (queued = Math.max(0, queued + n)));
  } finally {
    clearInterval(ticker);
  }
  state.phase = 'done';
  queued = await queue.countQueued(db, EXTRACT_JOB);
  onProgress(snapshot());
  const counts = await db
    .selectFrom('documents')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('collection_id', '=', collectionId)
    .groupBy('status')
    .execute();
  const by = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  return {
    collection,
    files: state.filesTotal,
    bytes: state.bytesTotal,
    added: state.added,
    extracted: state.extracted,
    documents: by('ok') + by('failed') + by('pending'),
    ok: by('ok'),
    failed: by('failed'),
    pending: by('pending'),
    resumed,
    seconds: (Date.now() - started) / 1000,
  };
}

interface DrainState {
  extracted: number;
  failed: number;
  added: number;
  phase: IngestProgress['phase'];
}

/** Claim queued extraction jobs and keep `parallel` of them in flight until none are left. */
async function drainQueue(deps: IngestDeps, state: DrainState, stillRegistering: () => boolean, adjustQueued: (n: number) => void): Promise<void> {
  const { db, queue } = deps;
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    const room = deps.parallel * 2 - inFlight.size;
    const jobs = room > 0 ? await queue.claim(db, EXTRACT_JOB, room) : [];
    for (const job of jobs) {
      const p = extractOne(deps, job, state, adjustQueued).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    if (inFlight.size > 0) {
      await Promise.race(inFlight);
      continue;
    }
    if (jobs.length > 0) continue;
    if (!stillRegistering()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function extractOne(deps: IngestDeps, job: ClaimedJob, state: DrainState, adjustQueued: (n: number) => void): Promise<void> {
  const { db, queue } = deps;
  const doc = await db.selectFrom('documents').select(['id', 'sha256', 'size', 'path', 'depth']).where('id', '=', job.documentId).executeTakeFirst();
  let reply: ExtractReply;
  const fail = (result: ExtractionResult): ExtractReply => ({ result, analysis: null });
  if (!doc || doc.sha256 === null) {
    reply = fail({ ok: false, mime: 'application/octet-stream', reason: 'unreadable', message: 'the document has no stored content' });
  } else if (job.attempts > 3) {
    reply = fail({ ok: false, mime: 'application/octet-stream', reason: 'crashed', message: 'reading this file was interrupted three times; it is set aside' });
  } else {
    reply = await deps.extractor.run({ documentId: doc.id, sha256: doc.sha256, size: Number(doc.size), path: doc.path, depth: doc.depth, limits: deps.limits, pdfEngine: deps.pdfEngine });
  }
  const { result, analysis } = reply;
  const { added, queued } = await db.transaction().execute(async (trx) => {
    const outcome = await recordOutcome(trx, queue, job.documentId, result);
    await storeDocumentIndex(trx, deps.index, job.documentId, result.ok ? analysis : null);
    await queue.complete(trx, job.id);
    return outcome;
  });
  state.extracted++;
  state.added += added;
  if (!result.ok) state.failed++;
  adjustQueued(queued - 1);
}
