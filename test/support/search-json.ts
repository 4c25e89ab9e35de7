/**
 * The full JSON shape of `dossier search --json` (modes, offsets, reasons, facets), a way to run
 * a search that may fail (for malformed queries), and a small helper to write a test corpus.
 * Like cli.ts, nothing here imports src/: the tests see the CLI as a user does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCli, type CliResult } from './cli.js';

export type Mode = 'exact' | 'normalised' | 'cross-script';

export interface MatchReason {
  term: string;
  via: 'exact' | 'normalised' | 'stem' | 'pinyin' | 'syllables' | 'alias';
  as: string;
}

export interface FullHit {
  id: number;
  path: string;
  title: string | null;
  collection: string;
  mime: string | null;
  date: string | null;
  page: number;
  start: number | null;
  end: number | null;
  highlights: Array<[number, number]>;
  score: number;
  snippet: string;
  matched: MatchReason[];
}

export type Facets = Record<'type' | 'lang' | 'collection' | 'year' | 'sender', Record<string, number>>;

export interface FullResult {
  query: string;
  mode: Mode;
  total: number;
  hits: FullHit[];
  facets?: Facets;
}

/** `dossier search QUERY --json -w WS --limit 100 …`, the query first, as people type it. */
export function searchArgs(workspace: string, query: string, extra: string[] = []): string[] {
  return ['search', query, '--json', '--workspace', workspace, '--limit', '100', ...extra];
}

/** Run a search and parse its JSON; throws with stderr when the CLI fails. */
export async function searchFull(workspace: string, query: string, extra: string[] = []): Promise<FullResult> {
  const result = await runCli(searchArgs(workspace, query, extra));
  if (result.code !== 0) throw new Error(`dossier search ${JSON.stringify(query)} ${extra.join(' ')} exited with ${result.code ?? result.signal}\n${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as FullResult;
}

/** Run a search without judging its exit code (for queries that must be refused). */
export function searchRaw(workspace: string, query: string, extra: string[] = []): Promise<CliResult> {
  return runCli(searchArgs(workspace, query, extra));
}

/** A file's name without folder and extension: the document's key in a test corpus. */
export function keyOf(hit: { path: string }): string {
  return path.basename(hit.path).replace(/\.[^.]+$/, '');
}

/** Write files (relative path → content) under a folder, creating subfolders. */
export function writeCorpus(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/**
 * Memoise async work by key and run at most `concurrency` jobs at once, so a test file can start
 * all its CLI runs early and each test awaits only its own (and fails alone when it fails).
 */
export type Pool = <T>(key: string, job: () => Promise<T>) => Promise<T>;

export function pooled(concurrency: number): Pool {
  const cache = new Map<string, Promise<unknown>>();
  let running = 0;
  const waiting: Array<() => void> = [];
  const slot = async (): Promise<void> => {
    if (running < concurrency) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return <T>(key: string, job: () => Promise<T>): Promise<T> => {
    let promise = cache.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = (async () => {
        await slot();
        try {
          return await job();
        } finally {
          release();
        }
      })();
      promise.catch(() => undefined); // reported by the test that awaits it
      cache.set(key, promise);
    }
    return promise;
  };
}

/** Lines of stderr that look like a JavaScript stack trace. */
export function stackLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^\s+at\s.+[:(]/.test(line) || /^(TypeError|ReferenceError|RangeError|SyntaxError|Error):/.test(line.trim()));
}
