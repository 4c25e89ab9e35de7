import { DossierError } from '../domain/errors.js';
import { findSimilar } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

export const documentId = (text: string): number => {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) throw new DossierError('invalid_argument', `a document id is a positive whole number, got "${text}"`);
  return id;
};

/** `dossier similar ID [--min 0.5] [--json]`: versions and near-duplicates, best first. */
export async function similarCommand(app: App, idText: string, options: { min?: string; limit?: string; json?: boolean }): Promise<void> {
  const min = options.min === undefined ? 0.5 : Number(options.min);
  if (!Number.isFinite(min) || min < 0 || min > 1) throw new DossierError('invalid_argument', `--min is a similarity from 0 to 1, got "${options.min}"`);
  const limit = options.limit === undefined ? 50 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new DossierError('invalid_argument', `--limit is a whole number of 1 or more, got "${options.limit}"`);
  const found = await findSimilar(app.records, { id: documentId(idText), min, limit });
  if (options.json) return printJson(found.map(({ id, path, similarity }) => ({ id, path, similarity })));
  if (found.length === 0) return console.log(`no document is ${min} or more similar to ${idText}`);
  for (const d of found) console.log(`${d.similarity.toFixed(3)}  [${d.id}] ${d.path}`);
}
