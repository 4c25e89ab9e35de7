/**
 * TRANSITION (issue 14) — delete once its last caller passes records:
 *   - src/http/routes/translations.ts: `translationIndex(deps.db, deps.searchIndex, () => deps.analyser())`
 *     → add `deps.records` as the fourth argument.
 * The one runtime import of platform in jobs, allowed for this file only in eslint.config.js.
 */
import { recordsFor, type DbHandle, type Records } from '../platform/db/records.js';

export const recordsOfHandle = (db: DbHandle): Pick<Records, 'read'> => recordsFor(db);
