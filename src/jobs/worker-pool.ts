import { fork, type ChildProcess } from 'node:child_process';
import type { FailureReason } from '../domain/document.js';
import type { DictionaryEntry, ExtractReply, ExtractTask } from './catalogue.js';

/** Messages between the pool and an extraction process. */
export type WorkerRequest = { init: { dictionary: DictionaryEntry[] } } | { id: number; task: ExtractTask };
export type WorkerReply = ({ id: number } & ExtractReply) | { id: number; error: string };

function failed(reason: FailureReason, message: string): ExtractReply {
  return { result: { ok: false, mime: 'application/octet-stream', reason, message }, analysis: null };
}

interface Slot {
  child: ChildProcess;
  busy: { id: number; resolve: (r: ExtractReply) => void; timer: NodeJS.Timeout } | null;
  stderr: string;
}

/**
 * A pool of extraction processes. Each file is read in a separate process with a heap limit and
 * a time limit: a parser that throws, hangs or eats memory costs only its own file, which is
 * reported as failed (`timeout`, `out_of_memory`, `crashed`), and the process is replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly entry: string,
    private readonly size: number,
    private readonly memoryMb: number,
    private readonly timeoutMs: number,
    private readonly dictionary: DictionaryEntry[] = [],
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const loader = this.entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
    const child = fork(this.entry, [], {
      execArgv: [...loader, `--max-old-space-size=${this.memoryMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    const slot: Slot = { child, busy: null, stderr: '' };
    child.send({ init: { dictionary: this.dictionary } } satisfies WorkerRequest);
    child.stderr?.on('data', (chunk: Buffer) => {
      slot.stderr = (slot.stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('message', (reply: WorkerReply) => {
      const busy = slot.busy;
      if (!busy || busy.id !== reply.id) return;
      clearTimeout(busy.timer);
      slot.busy = null;
      busy.resolve('result' in reply ? { result: reply.result, analysis: reply.analysis } : failed('crashed', `the parser failed: ${reply.error}`));
      this.release(slot);
    });
    child.on('exit', (code, signal) => {
      const busy = slot.busy;
      slot.busy = null;
      if (busy) {
        clearTimeout(busy.timer);
        const oom = /heap out of memory|Allocation failed|ERR_WORKER_OUT_OF_MEMORY/i.test(slot.stderr);
        busy.resolve(
          oom
            ? failed('out_of_memory', `the parser ran past the ${this.memoryMb} MB memory limit`)
            : failed('crashed', `the parser process died (${signal ?? `exit code ${code}`}): ${slot.stderr.trim().split('\n').slice(-1)[0] ?? ''}`.trim()),
        );
      }
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index !== -1) {
        const fresh = this.spawn();
        this.slots[index] = fresh;
        this.release(fresh);
      }
    });
    return slot;
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => s.busy === null && s.child.connected);
    if (free) return Promise.resolve(free);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Extract one document in a free process; always resolves with an outcome. */
  async run(task: ExtractTask): Promise<ExtractReply> {
    const slot = await this.acquire();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (slot.busy?.id !== id) return;
        slot.busy = null;
        resolve(failed('timeout', `the parser ran past the ${Math.round(this.timeoutMs / 1000)} s time limit`));
        slot.child.kill('SIGKILL'); // the exit handler replaces the process
      }, this.timeoutMs);
      slot.busy = { id, resolve, timer };
      slot.stderr = '';
      slot.child.send({ id, task } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            if (slot.child.exitCode !== null || slot.child.signalCode !== null) return resolve();
            slot.child.once('exit', () => resolve());
            slot.child.disconnect();
            setTimeout(() => slot.child.kill('SIGKILL'), 2000).unref();
          }),
      ),
    );
  }
}
