import { DossierError } from '../domain/errors.js';
import type { JobRecord } from '../jobs/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';
import { formatJobProgress, runTaskJob, type TaskJobOptions } from './task-job.js';

export interface JobsOptions {
  json?: boolean;
  all?: boolean;
  limit?: string;
}

/** A job for `dossier jobs --json`: what `formatJobProgress` prints, as fields (ETA in seconds). */
function jobJson(job: JobRecord) {
  const p = job.progress;
  const eta = job.state === 'running' && p?.rate && p.total !== null ? Math.max(0, p.total - p.done) / p.rate : null;
  return {
    id: job.id, name: job.name, state: job.state, documentId: job.documentId, attempts: job.attempts, error: job.error, updatedAt: job.updatedAt,
    lockedBy: job.lockedBy, lockedUntil: job.lockedUntil, done: p?.done ?? null, total: p?.total ?? null, rate: p?.rate ?? null, eta, note: p?.note ?? null,
  };
}

/**
 * `dossier jobs`: the shared queue at a glance. Counts of every kind by state, then the jobs running
 * anywhere and the newest task jobs (uploads, reindexes, watch-lists, entity resolution) with their
 * progress, rate, ETA and the worker holding them; `--all` lists extract and OCR jobs too.
 */
export async function jobsCommand(app: App, options: JobsOptions): Promise<void> {
  const limit = Number(options.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1) throw new DossierError('invalid_argument', `--limit must be a positive whole number, got "${options.limit}"`);
  const [counts, jobs] = await Promise.all([app.records.read.jobs.counts(), app.records.read.jobs.list({ limit, documentJobs: options.all })]);
  if (options.json) return printJson({ counts, jobs: jobs.map(jobJson) });
  const byName = new Map<string, string[]>();
  for (const c of counts) byName.set(c.name, [...(byName.get(c.name) ?? []), `${c.count} ${c.state}`]);
  if (byName.size === 0) console.log('No jobs.');
  for (const [name, states] of byName) console.log(`${name.padEnd(18)} ${states.join(', ')}`);
  if (jobs.length) console.log('');
  for (const job of jobs) console.log(`${formatJobProgress(job)}${job.documentId ? ` · document ${job.documentId}` : ''}${job.error ? ` · ${job.error}` : ''}`);
}

/** `dossier entities resolve`: resolve every mention into entities again, as an `entity-resolution` job. */
export async function entitiesResolveCommand(app: App, options: TaskJobOptions): Promise<void> {
  const ran = await runTaskJob(app, { name: 'entity-resolution', data: {} }, options);
  if (!ran) {
    if (options.json) printJson({ queued: true });
    else console.log('Entity resolution queued: a dossier worker or server will run it.');
    return;
  }
  const r = ran.result as { entities: number; linked: number; merged: number; split: number; removed: number };
  if (options.json) printJson(r);
  else console.log(`Resolved ${r.entities} entities: ${r.linked} Latin names linked to their Han name, ${r.merged} merges and ${r.split} splits by editors applied, ${r.removed} removed.`);
}
