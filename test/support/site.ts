/**
 * The public site as readers meet it: `dossier site serve --port 0` from the built CLI as a
 * subprocess, over a workspace where a PDF was ingested, published, and stories created from
 * Markdown files. Nothing here imports src/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, FIXTURES, ROOT, cliEnv, makeTempDir, runCliOk } from './cli.js';

export interface SiteServer {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `dossier site serve --port 0 --workspace WS [ARGS]`: resolves once it prints its address. */
export function startSiteServer(workspace: string, args: string[] = [], timeoutMs = 60_000): Promise<SiteServer> {
  const child = spawn(process.execPath, [BIN, 'site', 'serve', '--port', '0', '--workspace', workspace, ...args], { cwd: ROOT, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`dossier site serve did not print its address within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Dossier site is serving on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!.replace(/\/$/, ''), process: child, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`dossier site serve exited (${code ?? signal}) before serving:\n${output}`));
    });
  });
}

/** A story file: front matter from `fields` (YAML lines), then the body. */
export function writeStory(dir: string, name: string, frontMatter: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `---\n${frontMatter.trim()}\n---\n${body}\n`);
  return file;
}

/** The fixture two-page PDF: page 1 holds this Chinese sentence (see test/fixtures/README.md). */
export const PAGE_ONE_QUOTE = '职业技能教育培训中心';
export const TWO_PAGES_PDF = path.join(FIXTURES, 'pdf', 'two-pages.pdf');
export const PHOTO = path.join(FIXTURES, 'image', 'photo.jpg');

/** A workspace with the two-page PDF ingested (document 1) and published, and a folder for story files with the photo in it. */
export async function publishedWorkspace(prefix: string): Promise<{ workspace: string; stories: string }> {
  const workspace = makeTempDir(`dossier-${prefix}-`);
  const stories = path.join(workspace, 'story-files');
  fs.mkdirSync(stories);
  fs.copyFileSync(PHOTO, path.join(stories, 'photo.jpg'));
  fs.writeFileSync(path.join(stories, 'not-an-image.jpg'), 'this is text, not a JPEG\n');
  await runCliOk(['ingest', TWO_PAGES_PDF, '--workspace', workspace, '--quiet', '--no-ocr']);
  await runCliOk(['publish', '1', '--json', '--workspace', workspace]);
  return { workspace, stories };
}

/** Fetch without following redirects; never sends or keeps a cookie. */
export async function get(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: string }> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, body: await response.text() };
}
