/**
 * Jobs as rows and back: the one place a job's payload and progress are written as JSON and read
 * back, validated (domain/job.ts). Used by the queue adapter (claims) and the jobs repository
 * (listing), so a row written by hand or by another version fails the same way everywhere.
 */
import { decodeJob, type Job, type JobProgress } from '../../domain/job.js';

/** The columns a job is stored in. */
export function encodeJob(job: Job): { kind: Job['name']; document_id: number | null; payload: string | null } {
  switch (job.name) {
    case 'extract':
      return { kind: job.name, document_id: job.data.documentId, payload: null };
    case 'ocr': {
      const { documentId, ...options } = job.data;
      return { kind: job.name, document_id: documentId, payload: Object.keys(options).length ? JSON.stringify(options) : null };
    }
    default:
      return { kind: job.name, document_id: null, payload: JSON.stringify(job.data) };
  }
}

/** A stored row as a job, or the message its failure is recorded with. */
export function decodeJobRow(row: { kind: string; document_id: number | null; payload: string | null }): { ok: true; job: Job } | { ok: false; error: string } {
  let payload: unknown = null;
  if (row.payload !== null) {
    try {
      payload = JSON.parse(row.payload) as unknown;
    } catch {
      return { ok: false, error: `invalid ${row.kind} job: its payload is not JSON` };
    }
  }
  return decodeJob(row.kind, row.document_id, payload);
}

export function encodeProgress(progress: JobProgress): string {
  return JSON.stringify(progress);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Progress as stored; anything unreadable is no progress (it is only ever informative or a resume hint). */
export function decodeProgress(text: string | null): JobProgress | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Record<string, unknown>;
  return { done: num(p.done) ?? 0, total: num(p.total), rate: num(p.rate), note: typeof p.note === 'string' ? p.note : null, cursor: num(p.cursor), result: p.result ?? null };
}
