import { resolveEntities } from '../index/index.js';
import { checkSources, ensureCollection, registerFile, registerUnreadable, walkSources } from '../ingest/index.js';
import { JOB_KINDS } from './catalogue.js';
import { estimateRemaining, type IngestProgress } from './progress.js';
import { BoilerplateLearner } from './boilerplate-learner.js';
import { drainQueue, type JobCounters, type JobDeps } from './run-jobs.js';

export type IngestDeps = JobDeps & {
  /** false: register and enqueue only; `dossier worker` processes read the files. */
  work?: boolean;
  /** With work false: still wait until the workers have read everything (default), to report. */
  wait?: boolean;
};

export interface IngestSummary {
  collection: string;
  /** Files found under the given paths in this run. */
  files: number;
  bytes: number;
  /** Documents registered in this run (new content), members included. */
  added: number;
  /** Documents read in this run. */
  extracted: number;
  /** Pages read by OCR in this run, and documents still waiting for OCR. */
  ocrPages: number;
  ocrQueued: number;
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
  // Jobs a killed run on this machine left running are claimable again at once; those of live
  // workers elsewhere stay theirs (and come back if their lease runs out).
  const resumed = await queue.reclaimDead(db);
  const collectionId = await ensureCollection(db, collection);

  const scan = { filesTotal: 0, bytesTotal: 0, filesDone: 0, bytesDone: 0, phase: 'scanning' as IngestProgress['phase'] };
  for await (const entry of walkSources(paths)) {
    scan.filesTotal++;
    if (entry.kind === 'file') scan.bytesTotal += entry.size;
  }
  const counters: JobCounters = { extracted: 0, failed: 0, added: 0, queued: await queue.countQueued(db, JOB_KINDS.extract), ocrPages: 0, ocrDocuments: 0, ocrQueued: await queue.countQueued(db, JOB_KINDS.ocr) };
  const snapshot = (): IngestProgress => {
    const p = { ...scan, ...counters, elapsed: (Date.now() - started) / 1000 };
    return { ...p, eta: estimateRemaining(p) };
  };
  const ticker = setInterval(() => onProgress(snapshot()), 250);

  let registering = true;
  scan.phase = 'storing';
  const registration = (async () => {
    const deps2 = { db, blobs: deps.blobs, queue, maxFileBytes: deps.limits.maxFileBytes };
    for await (const entry of walkSources(paths)) {
      const outcome =
        entry.kind === 'file'
          ? await registerFile(deps2, collectionId, entry)
          : await registerUnreadable(db, collectionId, entry.path, entry.kind === 'unreadable' ? 'unreadable' : 'unsupported', entry.message);
      if (outcome === 'new') {
        counters.added++;
        counters.queued++;
      }
      scan.filesDone++;
      if (entry.kind === 'file') scan.bytesDone += entry.size;
    }
  })().finally(() => {
    registering = false;
  });

  try {
    if (deps.work === false) {
      await registration;
      scan.phase = 'extracting';
      // Workers elsewhere read the files: follow the queue until it is empty.
      while (deps.wait !== false) {
        counters.queued = await queue.countQueued(db, JOB_KINDS.extract);
        counters.ocrQueued = await queue.countQueued(db, JOB_KINDS.ocr);
        if (counters.queued + (deps.ocr.enabled ? counters.ocrQueued : 0) === 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    } else {
      // Documents are analysed with the collection's boilerplate lines as known (or learnt) so far.
      const learning = { ...deps, boilerplate: deps.boilerplate ?? new BoilerplateLearner(deps.records) };
      await drainQueue(learning, counters, () => registering);
      await registration;
      // Anything registered after the last claim (a race at the very end) is drained too.
      await drainQueue(learning, counters);
    }
  } finally {
    clearInterval(ticker);
  }
  // Names found in this run join the entities of earlier ones (and editors' decisions apply to them).
  await resolveEntities(deps.records);
  scan.phase = 'done';
  counters.queued = await queue.countQueued(db, JOB_KINDS.extract);
  counters.ocrQueued = await queue.countQueued(db, JOB_KINDS.ocr);
  onProgress(snapshot());
  const counts = await deps.records.read.jobDocuments.statusCounts(collectionId);
  const by = (s: string) => counts[s] ?? 0;
  return {
    collection,
    files: scan.filesTotal,
    bytes: scan.bytesTotal,
    added: counters.added,
    extracted: counters.extracted,
    ocrPages: counters.ocrPages,
    ocrQueued: counters.ocrQueued,
    documents: by('ok') + by('failed') + by('pending'),
    ok: by('ok'),
    failed: by('failed'),
    pending: by('pending'),
    resumed,
    seconds: (Date.now() - started) / 1000,
  };
}
