/**
 * The workbench as its users meet it: the built CLI's `dossier serve` running as a subprocess
 * over a temporary workspace (documents ingested, accounts and grants made with the CLI first),
 * HTTP sessions with a cookie jar, and Debian's chromium driven by playwright-core. Nothing here
 * imports src/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT, cliEnv, runCliOk } from './cli.js';

// ---------------------------------------------------------------- the server

export interface Workbench {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  process: ChildProcess;
  /** Everything the server printed (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

/**
 * `dossier serve --port 0 --workspace WS`: resolves once it prints "Dossier is serving on URL".
 * Extra environment (e.g. DOSSIER_UPLOAD_MAX_BYTES) is merged over the test environment.
 */
export function startWorkbench(workspace: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<Workbench> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--workspace', workspace], { cwd: ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
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
      reject(new Error(`dossier serve did not print its address within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Dossier is serving on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!.replace(/\/$/, ''), process: child, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`dossier serve exited (${code ?? signal}) before serving:\n${output}`));
    });
  });
}

/** `dossier user add NAME --role ROLE --password-stdin`. */
export async function addUser(workspace: string, name: string, role: 'admin' | 'editor' | 'reporter' | 'viewer', password: string): Promise<void> {
  await runCliOk(['user', 'add', name, '--role', role, '--password-stdin', '--workspace', workspace], { input: password });
}

/** `dossier grant USER COLLECTION`. */
export async function grant(workspace: string, user: string, collection: string): Promise<void> {
  await runCliOk(['grant', user, collection, '--workspace', workspace]);
}

// ---------------------------------------------------------------- HTTP with cookies

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
  /** The Location header of a redirect (never followed). */
  location: string | null;
}

/**
 * A signed-in (or anonymous) HTTP client: keeps the cookies the server sets, never follows
 * redirects (a test looks at them), and sends the anti-forgery token with writes.
 */
export class HttpClient {
  private cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(readonly base: string) {}

  /** POST /api/session; throws unless it answers 200. */
  static async signIn(base: string, username: string, password: string): Promise<HttpClient> {
    const client = new HttpClient(base);
    const answer = await client.request('POST', '/api/session', { json: { username, password } });
    if (answer.status !== 200) throw new Error(`sign-in of ${username} answered ${answer.status}: ${answer.body}`);
    client.csrf = (JSON.parse(answer.body) as { csrf: string }).csrf;
    return client;
  }

  async request(method: string, path: string, options: { json?: unknown; form?: Record<string, string>; body?: RequestInit['body']; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers['Cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] ??= this.csrf;
    let body: RequestInit['body'] = options.body;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(cookie) || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, headers: response.headers, body: await response.text(), location: response.headers.get('Location') };
  }

  get(path: string): Promise<HttpAnswer> {
    return this.request('GET', path);
  }

  /** GET a JSON answer that must be 200. */
  async json<T>(path: string): Promise<T> {
    const answer = await this.get(path);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.body.slice(0, 500)}`);
    return JSON.parse(answer.body) as T;
  }
}

/** Wait until an async predicate holds, polling; throws with `what` when it still does not after `timeoutMs`. */
export async function pollUntil<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
