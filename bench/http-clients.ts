/**
 * Query latency over HTTP, as the workbench's readers see it: `dossier serve` on a workspace, a
 * signed-in session, then 1 or N clients each sending the query mix to /api/search at once.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile, repo } from './support.js';

export interface HttpQuery {
  q: string;
  mode: string;
  match?: 'all' | 'any';
}

/**
 * Start a server on a free loopback port, sign in, run `rounds` of the mix per client for each client
 * count. `env` is added to the server's environment (DOSSIER_SEARCH_THREADS=0: searches on its main
 * thread, as before search threads), `label` to each row's name.
 */
export async function httpLatency(workspace: string, queries: HttpQuery[], clientCounts: number[], rounds: number, env: Record<string, string> = {}, label = ''): Promise<Array<Record<string, string | number>>> {
  const bin = path.join(repo, 'bin', 'dossier.js');
  const password = 'bench-password-1234';
  try {
    execFileSync(process.execPath, [bin, 'user', 'add', 'bench', '--role', 'admin', '--password-stdin', '--workspace', workspace], { input: password, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    // Already there from an earlier run on this workspace.
  }
  const started = performance.now();
  const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /serving on (http:\/\/[^\s]+)/.exec(out)?.[1];
      // Measured once its search threads have warmed up (the queries before are answered on its main thread).
      const threads = env.DOSSIER_SEARCH_THREADS === '0' || /Searches now run on/.test(out) || performance.now() - started > 180_000;
      if (url && threads) resolve(url.replace(/\/$/, ''));
    });
    server.on('exit', (code) => reject(new Error(`dossier serve exited (${code}) before listening: ${out}`)));
  });
  const startMs = performance.now() - started;
  // The server's CPU seconds (user + system, from /proc), beside the wall-clock latencies.
  const cpuSeconds = () => {
    try {
      const fields = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return NaN;
    }
  };
  try {
    const session = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'bench', password }) });
    if (session.status !== 200) throw new Error(`sign-in answered ${session.status}`);
    const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const ask = async (q: HttpQuery) => {
      const t0 = performance.now();
      const url = `${base}/api/search?${new URLSearchParams({ q: q.q, mode: q.mode, match: q.match ?? 'all', limit: '20' })}`;
      // A kept-alive socket the server closed as it was reused answers ECONNRESET (more often on a
      // loaded machine, where answers take longer than the server's keep-alive): ask again.
      let answer: Response | null = null;
      for (let attempt = 0; !answer; attempt++) {
        answer = await fetch(url, { headers: { Cookie: cookie } }).catch((error: unknown) => {
          if (attempt >= 4) throw error;
          return null;
        });
      }
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`/api/search ${q.q} answered ${answer.status}`);
      return performance.now() - t0;
    };
    const first = await ask(queries[0]!);
    const rows: Array<Record<string, string | number>> = [];
    for (const clients of clientCounts) {
      const times: number[] = [];
      const cpu0 = cpuSeconds();
      const t0 = performance.now();
      await Promise.all(Array.from({ length: clients }, async (_, c) => {
        for (let round = 0; round < rounds; round++) for (let i = 0; i < queries.length; i++) times.push(await ask(queries[(i + c * 3) % queries.length]!));
      }));
      const seconds = (performance.now() - t0) / 1000;
      rows.push({ system: `dossier over HTTP, ${clients} client${clients === 1 ? '' : 's'}${label}`, queries: times.length, 'p50 ms': +percentile(times, 50).toFixed(2), 'p99 ms': +percentile(times, 99).toFixed(2), 'queries/s': +(times.length / seconds).toFixed(1), 'server CPU s': +(cpuSeconds() - cpu0).toFixed(2), 'wall s': +seconds.toFixed(2), 'first query ms': clients === clientCounts[0] ? +first.toFixed(1) : '', 'server start ms': clients === clientCounts[0] ? +startMs.toFixed(0) : '' });
    }
    return rows;
  } finally {
    server.kill('SIGTERM');
  }
}
