import fs from 'node:fs';
import path from 'node:path';
import { DossierError } from '../domain/errors.js';

/** A file found on disk, or a place that could not be read. */
export type SourceEntry =
  | { kind: 'file'; path: string; absolute: string; size: number; mtimeMs: number }
  | { kind: 'unreadable'; path: string; message: string }
  | { kind: 'skipped'; path: string; message: string };

/** Fail early, before any work, when a path given on the command line does not exist. */
export function checkSources(paths: string[]): void {
  if (paths.length === 0) throw new DossierError('invalid_argument', 'give at least one file or folder to ingest');
  for (const given of paths) {
    if (!fs.existsSync(given)) throw new DossierError('not_found', `no such file or folder: ${given}`);
  }
}

/**
 * Walk the given paths depth-first in a stable (sorted) order, yielding every regular file.
 * Symbolic links are not followed (they can loop or leave the leak); unreadable folders are
 * reported and the walk goes on. Paths are shown as given on the command line.
 */
export async function* walkSources(paths: string[]): AsyncGenerator<SourceEntry> {
  for (const given of paths) yield* walk(given);
}

async function* walk(shown: string): AsyncGenerator<SourceEntry> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.lstat(shown);
  } catch (error) {
    yield { kind: 'unreadable', path: shown, message: (error as Error).message };
    return;
  }
  if (stat.isSymbolicLink()) {
    const target = await fs.promises.readlink(shown).catch(() => '?');
    yield { kind: 'skipped', path: shown, message: `a symbolic link (to ${target}) is not followed` };
    return;
  }
  if (stat.isFile()) {
    yield { kind: 'file', path: shown, absolute: path.resolve(shown), size: stat.size, mtimeMs: stat.mtimeMs };
    return;
  }
  if (!stat.isDirectory()) {
    yield { kind: 'skipped', path: shown, message: 'not a regular file (a device, socket or pipe)' };
    return;
  }
  let names: string[];
  try {
    names = (await fs.promises.readdir(shown)).sort();
  } catch (error) {
    yield { kind: 'unreadable', path: shown, message: `the folder could not be read: ${(error as Error).message}` };
    return;
  }
  for (const name of names) yield* walk(path.join(shown, name));
}
