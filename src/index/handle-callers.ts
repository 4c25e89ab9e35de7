/**
 * TRANSITION (issue 14) — delete this file once its last caller has switched. Callers outside
 * the data-layer branch that still hold the raw database handle:
 *   - src/jobs/run-ingest.ts: `resolveEntities(db)` → `resolveEntities(deps.records)`
 *   - src/http/routes/entities.ts: `mergeEntities(deps.db, ids, user.name)` + `recordAudit(…)`
 *     → `applyEntityMerge(deps.records, { actor, ids })`, and `splitEntity` + `recordAudit`
 *     → `applyEntitySplit(deps.records, { actor, id, form })` (these audit in the same transaction).
 * Until then the handle is turned into records here: the one runtime import of platform in this
 * stage, allowed for this file only in eslint.config.js.
 */
import { operator } from '../domain/actor.js';
import { recordsFor, type DbHandle, type Records } from '../platform/db/records.js';
import { mergeIn, splitIn } from './entity-decisions.js';
import { resolveEntities as resolve, type ResolveSummary } from './resolve-entities.js';

const recordsOf = (source: Pick<Records, 'transact'> | DbHandle): Pick<Records, 'transact'> => ('transact' in source ? source : recordsFor(source));

/** resolveEntities over records, or (transitional) over a raw handle. */
export const resolveEntities = (source: Pick<Records, 'transact'> | DbHandle): Promise<ResolveSummary> => resolve(recordsOf(source));

/** @deprecated Not audited: the caller audits in a second transaction. Use applyEntityMerge. */
export const mergeEntities = (db: DbHandle, ids: number[], user: string) => recordsFor(db).transact((tx) => mergeIn(tx, ids, operator(user)));

/** @deprecated Not audited: the caller audits in a second transaction. Use applyEntitySplit. */
export const splitEntity = (db: DbHandle, id: number, form: string, user: string) => recordsFor(db).transact((tx) => splitIn(tx, id, form, operator(user)));
