/** Shared pieces of the benchmark and evaluation scripts: paths, the CLI, timing, tables. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const shared = path.resolve(repo, '..', 'shared', 'corpus');

/** Build dist/ if it is missing, so the CLI the benchmark runs is the current one. */
export function ensureBuilt(): void {
  if (!fs.existsSync(path.join(repo, 'dist', 'main.js'))) execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
}

/** Run the built CLI; returns stdout. */
export function dossier(args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(process.execPath, [path.join(repo, 'bin', 'dossier.js'), ...args], { cwd: repo, env: { ...process.env, ...env }, maxBuffer: 1024 ** 3, encoding: 'utf8' });
}

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dossier-${name}-`));
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function table(rows: Array<Record<string, string | number>>): string {
  const keys = Object.keys(rows[0] ?? {});
  const width = (k: string) => Math.max(k.length, ...rows.map((r) => String(r[k]).length));
  const line = (r: Record<string, string | number>) => keys.map((k) => (typeof r[k] === 'number' ? String(r[k]).padStart(width(k)) : String(r[k]).padEnd(width(k)))).join('  ');
  return [line(Object.fromEntries(keys.map((k) => [k, k]))), ...rows.map(line)].join('\n');
}

export function writeResult(name: string, value: unknown): void {
  const dir = path.join(repo, 'bench', 'out');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(value, null, 2));
}
