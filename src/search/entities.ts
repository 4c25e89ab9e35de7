/**
 * TRANSITION (issue 14) — the entity reads live in the entities repository
 * (platform/db/repositories/entity-reads.ts: `records.read.entities.list / detail /
 * documentMentions / isVisible`), and search reads its hits' documents through
 * `records.read.searchHits`. What is left here turns a raw handle into records for the callers
 * that do not pass `records` yet, then this file goes:
 *   - `searchDocuments(db, …)` and `warmUpSearch` without records: the benchmarks (bench/*.ts);
 *     src/cli and src/http pass `records`.
 *   - `runWatchlist(db, …)` without `options.records`: none in src/ (cli and http pass it).
 * The one runtime import of platform in this stage, allowed for this file only in eslint.config.js.
 */
import { recordsFor, type DbHandle, type Records } from '../platform/db/records.js';

export type { DocumentMentions, EntityDetail, EntityMention, EntityScope, EntitySummary } from '../platform/db/repositories/entity-reads.js';

/** Records for a raw handle (transitional). */
export const recordsOfHandle = (db: DbHandle): Pick<Records, 'read'> => recordsFor(db);
