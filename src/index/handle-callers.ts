/**
 * TRANSITION (issue 14) — delete this file once its last caller has switched. The caller outside
 * the data-layer branch that still holds the raw database handle:
 *   - src/jobs/run-ingest.ts: `resolveEntities(db)` → `resolveEntities(deps.records)`
 * (The workbench's entity routes call applyEntityMerge / applyEntitySplit, which audit in the same
 * transaction; the unaudited handle wrappers mergeEntities / splitEntity are gone.)
 * Until then the handle is turned into records here: the one runtime import of platform in this
 * stage, allowed for this file only in eslint.config.js.
 */
import { recordsFor, type DbHandle, type Records } from '../platform/db/records.js';
import { resolveEntities as resolve, type ResolveSummary } from './resolve-entities.js';

const recordsOf = (source: Pick<Records, 'transact'> | DbHandle): Pick<Records, 'transact'> => ('transact' in source ? source : recordsFor(source));

/** resolveEntities over records, or (transitional) over a raw handle. */
export const resolveEntities = (source: Pick<Records, 'transact'> | DbHandle): Promise<ResolveSummary> => resolve(recordsOf(source));
