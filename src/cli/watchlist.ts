import fs from 'node:fs';
import { DossierError } from '../domain/errors.js';
import { parseNameList, watchlistCsv, type WatchlistResult } from '../search/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';
import { runTaskJob, type TaskJobOptions } from './task-job.js';

export interface WatchlistOptions extends TaskJobOptions {
  name?: string;
  out?: string;
  json?: boolean;
  mode?: string;
  limit?: string;
}

/** Run the list as a `watchlist` job (here, or by a worker that claims it first), then print what it stored. */
async function runAndSave(app: App, id: number, since: string | null, options: WatchlistOptions): Promise<WatchlistResult[]> {
  const limit = Number(options.limit ?? 100);
  if (!Number.isInteger(limit) || limit < 1) throw new DossierError('invalid_argument', `--limit must be a positive whole number, got "${options.limit}"`);
  const ran = await runTaskJob(app, { name: 'watchlist', data: { watchlistId: id, mode: options.mode ?? 'cross-script', limit, since, allowedCollections: null } }, options);
  if (!ran) {
    if (options.json) printJson({ id, queued: true });
    else console.log(`Watch-list ${id} queued: a dossier worker or server will run it (dossier jobs shows its progress).`);
    return [];
  }
  const list = await app.records.read.watchlists.byId<WatchlistResult>(id);
  const results = list?.results ?? [];
  const ranAt = list?.ranAt ?? new Date().toISOString();
  if (options.out) fs.writeFileSync(options.out, watchlistCsv(results));
  if (options.json) printJson({ id, ranAt, results });
  else {
    for (const r of results) console.log(`${r.name}\t${r.error ? `error: ${r.error}` : `${r.documents} documents, ${r.hits} hits${since ? `, ${r.newDocuments} new` : ''}`}`);
    console.log(`\nWatch-list ${id}: ${results.filter((r) => r.documents > 0).length} of ${results.length} names found.${options.out ? ` Results in ${options.out}.` : ''} Re-run later: dossier watchlist rerun ${id}`);
  }
  return results;
}

/** `dossier watchlist run FILE.csv`: save the list of names, search each across scripts, write the CSV. */
export async function watchlistRunCommand(app: App, file: string, options: WatchlistOptions): Promise<void> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new DossierError('io_error', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  const names = parseNameList(text);
  if (names.length === 0) throw new DossierError('invalid_argument', `${file} holds no names (one per line, or a CSV with a "name" column)`);
  const id = await app.records.read.watchlists.create({ name: options.name ?? file.split(/[\\/]/).pop() ?? file, userId: null, names }, new Date().toISOString());
  await runAndSave(app, id, null, options);
}

/** `dossier watchlist rerun ID`: search a saved list again; documents added since the last run are marked new. */
export async function watchlistRerunCommand(app: App, idText: string, options: WatchlistOptions): Promise<void> {
  const list = await app.records.read.watchlists.byId(Number(idText));
  if (!list) throw new DossierError('not_found', `no watch-list ${idText}`);
  await runAndSave(app, list.id, list.ranAt, options);
}

/** `dossier watchlist ls`: the saved lists. */
export async function watchlistListCommand(app: App, options: { json?: boolean }): Promise<void> {
  for (const l of await app.records.read.watchlists.list()) {
    const count = l.names.length;
    if (options.json) printJson({ id: l.id, name: l.name, names: count, ranAt: l.ranAt, createdAt: l.createdAt });
    else console.log(`${String(l.id).padStart(4)}  ${l.name}  · ${count} names · last run ${l.ranAt ?? 'never'}`);
  }
}
