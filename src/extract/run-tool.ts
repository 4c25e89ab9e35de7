import { spawn } from 'node:child_process';

export interface ToolResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
}

/** Run an external program with a time limit, collecting its output; never throws on exit codes. */
export function runTool(command: string, args: string[], timeoutMs: number): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 64 * 1024) err += chunk.toString('utf8');
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err, timedOut });
    });
  });
}

const found = new Map<string, boolean>();

/** Whether a program is on PATH (checked once per process). */
export async function hasTool(command: string): Promise<boolean> {
  const cached = found.get(command);
  if (cached !== undefined) return cached;
  const ok = await runTool('sh', ['-c', `command -v ${command}`], 5000).then(
    (r) => r.code === 0,
    () => false,
  );
  found.set(command, ok);
  return ok;
}
