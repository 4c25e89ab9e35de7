import { spawn } from 'node:child_process';

export interface ProgramResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
  /** Set when the program could not be started (not installed). */
  missing: boolean;
}

/**
 * Run an unpacking program (7zz, readpst) with a time limit and no standard input, so a program
 * that asks for a password gets none instead of waiting. Never throws.
 */
export function runProgram(command: string, args: string[], timeoutMs: number, maxStdout = 64 * 1024 * 1024): Promise<ProgramResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes <= maxStdout) out.push(chunk);
      else child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 64 * 1024) err += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, stdout: Buffer.alloc(0), stderr: error.message, timedOut: false, missing: error.code === 'ENOENT' });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err, timedOut, missing: false });
    });
  });
}

const found = new Map<string, string | null>();

/** The first of these programs on PATH (checked once per process), or null. */
export async function firstProgram(names: string[]): Promise<string | null> {
  const key = names.join(' ');
  if (found.has(key)) return found.get(key)!;
  let chosen: string | null = null;
  for (const name of names) {
    const r = await runProgram('sh', ['-c', `command -v ${name}`], 5000);
    if (r.code === 0) {
      chosen = name;
      break;
    }
  }
  found.set(key, chosen);
  return chosen;
}
