import { operator } from '../domain/actor.js';
import { refreshBoilerplate } from '../jobs/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

export interface BoilerplateOptions {
  collection?: string;
  json?: boolean;
  recompute?: boolean;
  /** How many lines to print per collection (all with --json). */
  limit?: string;
}

/**
 * `dossier boilerplate`: the lines each collection repeats in many documents (menus, footers,
 * signatures), with how many documents carry them; --recompute detects them again first.
 */
export async function boilerplateCommand(app: App, options: BoilerplateOptions): Promise<void> {
  const recomputed = options.recompute ? await refreshBoilerplate(app.records, app.searchIndex, app.analyser, { actor: operator('cli'), recount: true, ...(options.collection ? { collection: options.collection } : {}) }) : undefined;
  const blocks = await app.records.read.boilerplate.list(options.collection);
  if (options.json) {
    printJson({ ...(recomputed ? { recomputed } : {}), blocks: blocks.map((b) => ({ collection: b.collection, documents: b.documents, text: b.text })) });
    return;
  }
  for (const r of recomputed ?? []) console.log(`${r.collection}: ${r.blocks} boilerplate lines in ${r.documents} documents; ${r.reindexed} documents re-indexed.`);
  const limit = Number(options.limit ?? 50);
  let collection = '';
  let shown = 0;
  for (const b of blocks) {
    if (b.collection !== collection) {
      collection = b.collection;
      shown = 0;
      console.log(`\n${collection}`);
    }
    if (shown++ < limit) console.log(`${String(b.documents).padStart(7)}  ${b.text}`);
  }
  if (blocks.length === 0) console.log('No boilerplate: no line repeats in enough documents (1% of a collection, at least 5, in collections of 10 or more).');
}
