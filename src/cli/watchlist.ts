import fs from 'node:fs';
import { DossierError } from '../domain/errors.js';
import type { SearchMode } from '../domain/search.js';
import { parseNameList, runWatchlist, watchlistCsv, type WatchlistResult } from '../search/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

export interface WatchlistOptions {
  name?: string;
  out?: string;
  json?: boolean;
  mode?: string;
  limit?: string;
}

async function runAndSave(app: App, id: number, names: string[], since: string | null, options: WatchlistOptions): Promise<WatchlistResult[]> {
  const started = Date.now();
  const results = await runWatchlist(app.db, app.searchIndex, app.analyser(), names, {
    mode: (options.mode ?? 'cross-script') as SearchMode,
    limit: Number(options.limit ?? 100),
    since,
    onProgress: (done, total) => {
      if (!process.stderr.isTTY || options.json) return;
      const elapsed = (Date.now() - started) / 1000;
      const eta = done > 0 ? Math.round((elapsed / done) * (total - done)) : null;
      process.stderr.write(`\r\x1b[2Knames ${done}/${total} · ${elapsed > 0 ? (done / elapsed).toFixed(1) : '0'} names/s${eta === null ? '' : ` · ETA ${eta} s`}`);
    },
  });
  if (process.stderr.isTTY && !options.json) process.stderr.write('\n');
  const ranAt = new Date().toISOString();
  await app.db.updateTable('watchlists').set({ results: JSON.stringify(results), ran_at: ranAt }).where('id', '=', id).execute();
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
  const row = await app.db
    .insertInto('watchlists')
    .values({ name: options.name ?? file.split(/[\\/]/).pop() ?? file, user_id: null, names: JSON.stringify(names), results: null, ran_at: null, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await runAndSave(app, row.id, names, null, options);
}

/** `dossier watchlist rerun ID`: search a saved list again; documents added since the last run are marked new. */
export async function watchlistRerunCommand(app: App, idText: string, options: WatchlistOptions): Promise<void> {
  const list = await app.db.selectFrom('watchlists').selectAll().where('id', '=', Number(idText)).executeTakeFirst();
  if (!list) throw new DossierError('not_found', `no watch-list ${idText}`);
  await runAndSave(app, list.id, JSON.parse(list.names) as string[], list.ran_at, options);
}

/** `dossier watchlist ls`: the saved lists. */
export async function watchlistListCommand(app: App, options: { json?: boolean }): Promise<void> {
  const lists = await app.db.selectFrom('watchlists').select(['id', 'name', 'names', 'ran_at', 'created_at']).orderBy('id').execute();
  for (const l of lists) {
    const count = (JSON.parse(l.names) as string[]).length;
    if (options.json) printJson({ id: l.id, name: l.name, names: count, ranAt: l.ran_at, createdAt: l.created_at });
    else console.log(`${String(l.id).padStart(4)}  ${l.name}  · ${count} names · last run ${l.ran_at ?? 'never'}`);
  }
}
