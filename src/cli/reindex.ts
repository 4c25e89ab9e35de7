import type { ReindexResult } from '../jobs/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';
import { runTaskJob, type TaskJobOptions } from './task-job.js';

/**
 * `dossier reindex`: rebuild the search index from stored text, as a `reindex` job: worked here
 * (or by a worker that claims it first), progress in `dossier jobs`, resumable by any machine.
 */
export async function reindexCommand(app: App, options: TaskJobOptions): Promise<void> {
  const started = Date.now();
  const ran = await runTaskJob(app, { name: 'reindex', data: {} }, options);
  if (!ran) {
    if (options.json) printJson({ queued: true });
    else console.log('Reindex queued: a dossier worker or server will run it (dossier jobs shows its progress).');
    return;
  }
  const result = ran.result as ReindexResult;
  const summary = { documents: result.documents, pages: result.pages, seconds: (Date.now() - started) / 1000 };
  if (options.json) printJson(summary);
  else console.log(`Reindexed ${result.documents} documents (${result.pages} pages) in ${summary.seconds.toFixed(1)} s.`);
}
