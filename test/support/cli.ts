/**
 * Run the real, built Dossier CLI (`node bin/dossier.js`) as a subprocess, in a fresh temporary
 * workspace, and parse what it prints. Nothing here imports src/: the tests see Dossier the way a
 * user does.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding bin/ and test/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'dossier.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
/** Shared corpora next to the repository. */
export const ICIJ_DOCUMENTS = path.resolve(ROOT, '..', 'shared', 'corpus', 'extraction', 'icij-extract', 'documents');
export const EMAIL_CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'email-linux-man', 'eml');

/** The stable failure reasons a failed document may carry (the documented contract). */
export const FAILURE_REASONS = [
  'encrypted',
  'corrupt',
  'unsupported',
  'too_large',
  'timeout',
  'out_of_memory',
  'crashed',
  'archive_bomb',
  'too_deep',
  'unsafe_member',
  'empty',
  'unreadable',
] as const;

export interface CliResult {
  /** Exit code; null when the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Extra environment variables (merged over the test environment). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Text written to the command's standard input (which is closed after it). */
  input?: string;
}

/** The environment every CLI run gets: two extraction processes, no inherited Dossier settings. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('DOSSIER_')) delete env[key];
  return { ...env, DOSSIER_WORKERS: '2', ...extra };
}

/** Run `dossier ARGS…` to completion and capture its output and exit code (never throws on exit codes). */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? ROOT,
        env: cliEnv(options.env),
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
        timeout: options.timeoutMs ?? 240_000,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        if (error && typeof (error as NodeJS.ErrnoException).code === 'string') {
          reject(error); // could not start at all (ENOENT, …)
          return;
        }
        const failed = error as (Error & { code?: number | null; signal?: NodeJS.Signals | null }) | null;
        resolve({ code: failed ? (failed.code ?? null) : 0, signal: failed?.signal ?? null, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** Start `dossier ARGS…` without waiting for it (for kill tests). */
export function spawnCli(args: string[], options: RunOptions = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cliEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Like runCli, but fails the test with the CLI's stderr when the exit code is not 0. */
export async function runCliOk(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const result = await runCli(args, options);
  if (result.code !== 0) {
    throw new Error(`dossier ${args.join(' ')} exited with ${result.code ?? result.signal}\n--- stderr ---\n${result.stderr.slice(-4000)}`);
  }
  return result;
}

/** A fresh, empty temporary folder. */
export function makeTempDir(prefix = 'dossier-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh workspace folder for one test file; remove it with removeDir in afterAll. */
export function makeWorkspace(name = 'ws'): string {
  return makeTempDir(`dossier-${name}-`);
}

export function removeDir(dir: string | undefined): void {
  if (!dir) return;
  try {
    fs.chmodSync(dir, 0o700);
  } catch {
    // already gone
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The JSON summary `dossier ingest --json` prints. */
export interface IngestSummary {
  collection: string;
  files: number;
  bytes: number;
  added: number;
  extracted: number;
  documents: number;
  ok: number;
  failed: number;
  pending: number;
  resumed: number;
  seconds: number;
  /** The boilerplate detection after the ingest (absent with --no-wait). */
  boilerplate?: { lines: number; counted: number; reindexed: number };
}

/** One line of `dossier ls --json`. */
export interface LsRow {
  id: number;
  path: string;
  mime: string | null;
  status: 'ok' | 'failed' | 'pending';
  reason?: string;
  message?: string;
  parent: number | null;
  collection: string;
  sha256: string | null;
  size: number;
  title: string | null;
  needsOcr: boolean;
}

/** `dossier show ID --json`. */
export interface ShowView {
  id: number;
  path: string;
  paths: string[];
  collection: string;
  mime: string | null;
  status: 'ok' | 'failed' | 'pending';
  reason: string | null;
  message: string | null;
  title: string | null;
  parent: number | null;
  children: number[];
  sha256: string | null;
  size: number;
  needsOcr: boolean;
  metadata: Record<string, unknown>;
  text: string;
  pages: Array<{ page: number; text: string }>;
}

export interface SearchHit {
  id: number;
  path: string;
  title: string | null;
  page: number;
  snippet: string;
  [key: string]: unknown;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** Parse output that holds one JSON value per line. */
export function parseJsonLines<T>(stdout: string): T[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** The last JSON line of some output (the summary of `ingest --json`). */
function lastJson<T>(stdout: string): T {
  const lines = parseJsonLines<T>(stdout);
  const last = lines[lines.length - 1];
  if (last === undefined) throw new Error(`no JSON in output: ${stdout.slice(0, 500)}`);
  return last;
}

/** `dossier ingest PATHS… --json --quiet`: the summary, or an error with stderr when it fails. */
export async function ingest(workspace: string, paths: string[], options: RunOptions & { collection?: string; ocr?: boolean } = {}): Promise<IngestSummary> {
  const args = ['ingest', ...paths, '--workspace', workspace, '--json', '--quiet'];
  if (options.collection) args.push('--collection', options.collection);
  // Tests of extraction leave OCR queued (it is the OCR tests' subject, and slow).
  if (options.ocr === false) args.push('--no-ocr');
  const result = await runCliOk(args, { timeoutMs: 240_000, ...options });
  return lastJson<IngestSummary>(result.stdout);
}

/** `dossier ls --json`, parsed. */
export async function ls(workspace: string, extra: string[] = [], options: RunOptions = {}): Promise<LsRow[]> {
  const result = await runCliOk(['ls', '--json', '--workspace', workspace, ...extra], options);
  return parseJsonLines<LsRow>(result.stdout);
}

/** `dossier show ID --json`, parsed. */
export async function show(workspace: string, id: number, options: RunOptions = {}): Promise<ShowView> {
  const result = await runCliOk(['show', String(id), '--json', '--workspace', workspace], options);
  return lastJson<ShowView>(result.stdout);
}

/** `show --json` for many documents, a few CLI processes at a time. */
export async function showMany(workspace: string, ids: number[], concurrency = 6): Promise<Map<number, ShowView>> {
  const views = new Map<number, ShowView>();
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      views.set(id, await show(workspace, id));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, lane));
  return views;
}

/** `dossier search QUERY --json`, parsed. */
export async function search(workspace: string, query: string, extra: string[] = []): Promise<SearchResult> {
  const result = await runCliOk(['search', query, '--json', '--workspace', workspace, ...extra]);
  return lastJson<SearchResult>(result.stdout);
}

/** `dossier status --json`, parsed. */
export async function status(workspace: string): Promise<Record<string, unknown>> {
  const result = await runCliOk(['status', '--json', '--workspace', workspace]);
  return lastJson<Record<string, unknown>>(result.stdout);
}

/** Every regular file under a folder (symbolic links not followed), as absolute paths. */
export function walkFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

/** Total bytes of the regular files under a folder. */
export function folderBytes(dir: string): number {
  return walkFiles(dir).reduce((sum, file) => sum + fs.statSync(file).size, 0);
}

export function sha256Of(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Index rows by path; fails loudly on a path that is not there. */
export function byPath<T extends { path: string }>(rows: T[]): (p: string) => T {
  const map = new Map(rows.map((r) => [r.path, r]));
  return (p: string) => {
    const row = map.get(p);
    if (!row) throw new Error(`no document at path ${p}; known: ${[...map.keys()].slice(0, 80).join(', ')}`);
    return row;
  };
}
