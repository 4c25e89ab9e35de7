import { runWatchlist } from '../search/index.js';
import type { HttpDeps } from './context.js';

/** Where a watch-list run stands, for the progress page and GET /api/watchlists/:id. */
export interface WatchlistProgress {
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  started: number;
  /** Seconds left, estimated from the rate so far (null until a name is done). */
  eta: number | null;
  error?: string;
}

const running = new Map<number, WatchlistProgress>();

/** The progress of a run started by this server process, if there is one. */
export function watchlistProgress(id: number): WatchlistProgress | undefined {
  const p = running.get(id);
  if (!p) return undefined;
  const elapsed = (Date.now() - p.started) / 1000;
  return { ...p, eta: p.state === 'running' && p.done > 0 ? Math.round((elapsed / p.done) * (p.total - p.done)) : null };
}

/**
 * Run a saved watch-list in the background of the server, searching only the collections the
 * user may see; the results and the time of the run are stored on the list when it ends.
 */
export function startWatchlistRun(deps: Pick<HttpDeps, 'db' | 'records' | 'searchIndex' | 'analyser'>, id: number, names: string[], allowedCollections: string[] | undefined, since: string | null): void {
  const progress: WatchlistProgress = { state: 'running', done: 0, total: names.length, started: Date.now(), eta: null };
  running.set(id, progress);
  void (async () => {
    try {
      const results = await runWatchlist(deps.db, deps.searchIndex, deps.analyser(), names, {
        records: deps.records,
        allowedCollections,
        since,
        onProgress: (done) => {
          progress.done = done;
        },
      });
      await deps.records.read.watchlists.saveResults(id, results, new Date().toISOString());
      progress.state = 'done';
    } catch (error) {
      progress.state = 'failed';
      progress.error = (error as Error).message;
    }
  })();
}
