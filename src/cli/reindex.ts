import { reindexAll } from '../jobs/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

/** `dossier reindex`: rebuild the search index from stored text. */
export async function reindexCommand(app: App, options: { json?: boolean }): Promise<void> {
  const started = Date.now();
  const result = await reindexAll(app.records, app.db, app.searchIndex, app.analyser(), (done, total) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2Kreindexed ${done}/${total} documents`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const summary = { ...result, seconds: (Date.now() - started) / 1000 };
  if (options.json) printJson(summary);
  else console.log(`Reindexed ${result.documents} documents (${result.pages} pages) in ${summary.seconds.toFixed(1)} s.`);
}
