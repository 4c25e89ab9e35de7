import { foldText } from '../analyse/index.js';
import { DossierError } from '../domain/errors.js';
import { reindexAll } from '../jobs/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

const TYPES = ['person', 'place', 'org', 'name'];

/**
 * `dossier dict add HAN --alias LATIN…`: teach the analysis chain a name (so it segments as one
 * word and matches across scripts), then rebuild the index so existing documents find it too.
 */
export async function dictAddCommand(app: App, han: string, options: { alias?: string[]; type?: string; collection?: string; reindex?: boolean }): Promise<void> {
  const word = han.trim();
  if (!/^[\p{Script=Han}·]{2,}$/u.test(word)) throw new DossierError('invalid_argument', `a dictionary entry is a name of two or more Han characters, got "${han}"`);
  const type = options.type ?? 'name';
  if (!TYPES.includes(type)) throw new DossierError('invalid_argument', `type must be one of ${TYPES.join(', ')}, got "${type}"`);
  let collectionId: number | null = null;
  if (options.collection) {
    collectionId = await app.records.read.documents.collectionId(options.collection);
    if (collectionId === null) throw new DossierError('not_found', `no collection "${options.collection}"`);
  }
  const aliases = (options.alias ?? []).map((a) => a.trim()).filter(Boolean);
  await app.records.read.dictionary.add({ han: word, aliases, type, collectionId }, new Date().toISOString());
  app.analyser().names.add({ han: word, aliases, type: type as 'person' });
  // Segmentation runs on folded (simplified) text: teach it the folded form.
  app.analyser().segmenter.addWords([foldText(word.replace(/·/g, ''))]);
  console.log(`Added ${word}${aliases.length ? ` (${aliases.join(', ')})` : ''} as ${type}.`);
  if (options.reindex !== false) {
    const result = await reindexAll(app.records, app.db, app.searchIndex, app.analyser());
    console.log(`Reindexed ${result.documents} documents so they match it.`);
  }
}

/** `dossier dict ls`: the names editors added. */
export async function dictListCommand(app: App, options: { json?: boolean }): Promise<void> {
  for (const r of await app.records.read.dictionary.list()) {
    const entry = { id: r.id, han: r.han, aliases: r.aliases, type: r.type, collection: r.collection, created: r.createdAt };
    if (options.json) printJson(entry);
    else console.log(`${String(r.id).padStart(4)}  ${r.han}\t${entry.aliases.join(', ')}\t${r.type}${r.collection ? `\t(${r.collection})` : ''}`);
  }
}
