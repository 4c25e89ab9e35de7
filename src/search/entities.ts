/**
 * TRANSITION (issue 14) — the entity reads live in the entities repository now
 * (platform/db/repositories/entity-reads.ts: `records.read.entities.list / detail /
 * documentMentions / isVisible`). These wrappers keep the callers that still hold the raw
 * database handle working until they switch, then this file goes:
 *   - src/http/routes/entities.ts: `listEntities(deps.db, o)` → `deps.records.read.entities.list(o)`,
 *     `entityDetail(deps.db, id, o)` → `….detail(id, o)`, `entityIsVisible(deps.db, id, s)` → `….isVisible(id, s)`,
 *     `documentMentions(deps.db, id)` → `….documentMentions(id)` (also src/http/routes/documents.ts)
 *   - src/http/watchlist-runner.ts: `runWatchlist(deps.db, …, { … })` → add `records: deps.records` to its options
 * The one runtime import of platform in this stage, allowed for this file only in eslint.config.js.
 */
import { recordsFor, type DbHandle, type Records } from '../platform/db/records.js';
import type { DocumentMentions, EntityDetail, EntityScope, EntitySummary } from '../platform/db/repositories/entity-reads.js';

export type { DocumentMentions, EntityDetail, EntityMention, EntityScope, EntitySummary } from '../platform/db/repositories/entity-reads.js';

/** Records for a raw handle (transitional). */
export const recordsOfHandle = (db: DbHandle): Pick<Records, 'read'> => recordsFor(db);

/** @deprecated use `records.read.entities.list`. */
export const listEntities = (db: DbHandle, options: EntityScope & { type?: string; q?: string; limit?: number; offset?: number } = {}): Promise<{ total: number; entities: EntitySummary[] }> =>
  recordsFor(db).read.entities.list(options);

/** @deprecated use `records.read.entities.detail`. */
export const entityDetail = (db: DbHandle, id: number, options: EntityScope & { mentionLimit?: number } = {}): Promise<EntityDetail | null> => recordsFor(db).read.entities.detail(id, options);

/** @deprecated use `records.read.entities.documentMentions`. */
export const documentMentions = (db: DbHandle, documentId: number, patternLimit = 500): Promise<DocumentMentions> => recordsFor(db).read.entities.documentMentions(documentId, patternLimit);

/** @deprecated use `records.read.entities.isVisible`. */
export const entityIsVisible = (db: DbHandle, id: number, scope: EntityScope = {}): Promise<boolean> => recordsFor(db).read.entities.isVisible(id, scope);
