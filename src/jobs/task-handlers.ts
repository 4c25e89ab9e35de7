/**
 * The handler of every task job (domain/job.ts `TaskJob`): what a `dossier worker`, a `dossier
 * serve` or a CLI command working its own job runs for each kind. `TaskHandlers` is a mapped type
 * over the kinds, so a kind added to the catalogue without a handler here does not compile.
 */
import type { TextAnalyser } from '../analyse/index.js';
import type { SearchMode } from '../domain/search.js';
import { resolveEntities } from '../index/index.js';
import { runWatchlist, type SearchIndexReader } from '../search/index.js';
import type { DbHandle } from '../platform/db/records.js';
import type { TaskHandlers } from './catalogue.js';
import { reindexAll } from './reindex.js';
import { runUpload, type UploadJobDeps } from './upload-jobs.js';

export type TaskDeps = UploadJobDeps & {
  index: UploadJobDeps['index'] & SearchIndexReader & { clear(db: DbHandle): Promise<void> };
  analyser(): TextAnalyser;
};

/** What a reindex job saves as its result (and `dossier reindex --json` prints). */
export interface ReindexResult {
  documents: number;
  pages: number;
}

export function taskHandlers(deps: TaskDeps): TaskHandlers {
  return {
    upload: (data, context) => runUpload(deps, data.uploadId, context.attempts),

    async reindex(_data, context) {
      // Taken over from a process that stopped: go on after the last document it wrote.
      const previous = context.previous;
      const resume = previous?.cursor ? { afterId: previous.cursor, pages: (previous.result as Partial<ReindexResult> | null)?.pages ?? 0 } : undefined;
      const result: ReindexResult = await reindexAll(
        deps.records,
        deps.db,
        deps.index,
        deps.analyser(),
        (done, total, at) => context.report({ done, total, cursor: at.lastId, note: 'documents', result: { documents: done, pages: at.pages } }),
        resume,
      );
      context.report({ done: result.documents, total: result.documents, note: 'documents', result });
      return result;
    },

    async watchlist(data, context) {
      const list = await deps.records.read.watchlists.byId(data.watchlistId);
      if (!list) throw new Error(`watch-list ${data.watchlistId} is gone`);
      const results = await runWatchlist(deps.db, deps.index, deps.analyser(), list.names, {
        records: deps.records,
        mode: data.mode as SearchMode,
        limit: data.limit,
        since: data.since,
        allowedCollections: data.allowedCollections ?? undefined,
        onProgress: (done, total) => context.report({ done, total, note: 'names' }),
      });
      const ranAt = new Date().toISOString();
      await deps.records.read.watchlists.saveResults(data.watchlistId, results, ranAt);
      return { watchlistId: data.watchlistId, ranAt, names: results.length, found: results.filter((r) => r.documents > 0).length };
    },

    // Under an advisory lock on PostgreSQL (entities repository: lockForResolution), so two
    // machines never resolve at once; on SQLite the single writer lock does the same.
    'entity-resolution': async (_data, context) => {
      context.report({ done: 0, total: null, note: 'resolving entities' });
      return resolveEntities(deps.records);
    },
  };
}
