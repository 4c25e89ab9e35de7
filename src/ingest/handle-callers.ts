/**
 * TRANSITION (issue 14) — delete this file once its last caller passes records. Ingest's own code
 * goes through repositories (ingestRecords, ocrRecords, ingestWrites); these callers still hand it
 * the raw database handle:
 *   - src/jobs/run-ingest.ts: `ensureCollection(db, …)` → `ensureCollection(deps.records, …)`,
 *     `registerFile({ db, … })` → `registerFile({ records: deps.records, … })`,
 *     `registerUnreadable(db, …)` → `registerUnreadable(deps.records, …)`
 *   - src/jobs/run-jobs.ts: `recordOutcome(trx, queue, deps.index.ingestWrites(trx), …)` →
 *     `recordOutcome(trx, queue, tx, …)` and `recordOcr(trx, …)` → `recordOcr(tx, …)`, with
 *     `tx` the repositories of the same transaction (`records.transactHandle((trx, tx) => …)`).
 * Until then the handle is turned into records here: the one runtime import of platform in this
 * stage, allowed for this file only in eslint.config.js.
 */
import { recordsFor, type DbHandle, type Records } from '../platform/db/records.js';
import { ingestRecordsRepository, type IngestRecordsRepository } from '../platform/db/repositories/ingest-records-repository.js';
import { ocrRecordsRepository, type OcrRecordsRepository } from '../platform/db/repositories/ocr-records-repository.js';

/** Records (or, transitionally, a raw handle) as the register uses them. */
export type RegisterSource = Pick<Records, 'read' | 'transactHandle'> | DbHandle;

/** Built once per handle: registerFile runs once per file. */
const byHandle = new WeakMap<DbHandle, Records>();

export const registerRecordsOf = (source: RegisterSource): Pick<Records, 'read' | 'transactHandle'> => {
  if ('transactHandle' in source) return source;
  let records = byHandle.get(source);
  if (!records) byHandle.set(source, (records = recordsFor(source)));
  return records;
};

/** The repositories of a transaction the caller holds, from its raw handle: only the one needed, once per document. */
export const ingestRecordsOfHandle = (trx: DbHandle): IngestRecordsRepository => ingestRecordsRepository(trx);
export const ocrRecordsOfHandle = (trx: DbHandle): OcrRecordsRepository => ocrRecordsRepository(trx);
