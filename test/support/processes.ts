/**
 * Look at running processes through /proc (Linux), to find the extraction processes an ingest
 * started and check that none outlive it.
 */
import fs from 'node:fs';
import path from 'node:path';

export const hasProc = fs.existsSync('/proc/self/stat');

interface ProcInfo {
  pid: number;
  ppid: number;
  state: string;
  cmdline: string;
  env: string;
}

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields after the last ')'.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = after[0] ?? '?';
    const ppid = Number(after[1]);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    let env = '';
    try {
      env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {
      // not ours to read
    }
    return { pid, ppid, state, cmdline, env };
  } catch {
    return null; // exited while we looked
  }
}

function allProcesses(): ProcInfo[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is ProcInfo => p !== null);
}

/** Live (not zombie) processes whose parent is `pid`. */
export function childPids(pid: number): number[] {
  return allProcesses()
    .filter((p) => p.ppid === pid && p.state !== 'Z')
    .map((p) => p.pid);
}

/** Whether a process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const info = readProc(pid);
  return info !== null && info.state !== 'Z';
}

/** Live extraction processes (dist/worker.js) that serve the blob store of this workspace. */
export function workersOf(workspace: string): number[] {
  const blobs = `DOSSIER_BLOBS=${path.join(workspace, 'blobs')}`;
  return allProcesses()
    .filter((p) => p.state !== 'Z' && /worker\.js/.test(p.cmdline) && p.env.split('\0').includes(blobs))
    .map((p) => p.pid);
}

/** Wait until the predicate holds, polling; false when it still does not after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (predicate()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
