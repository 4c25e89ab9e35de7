import { fork, type ChildProcess } from 'node:child_process';
import type { FailureReason } from '../domain/document.js';
import type { DictionaryEntry, ExtractReply, ExtractTask, OcrReply, OcrTask } from './catalogue.js';

/** Messages between the pool and an extraction process. */
export type WorkerRequest = { init: { dictionary: DictionaryEntry[] } } | { id: number; task: ExtractTask } | { id: number; ocr: OcrTask };
export type WorkerReply = { id: number; extract: ExtractReply } | { id: number; ocr: OcrReply } | { id: number; failure: ProcessFailure };

interface Slot {
  child: ChildProcess;
  busy: { id: number; resolve: (r: WorkerReply) => void; timer: NodeJS.Timeout } | null;
  /** Handed to a caller that has not sent its task yet: no other caller may take it meanwhile. */
  reserved: boolean;
  stderr: string;
}

/** A failure of the process rather than of the file's content. */
export type ProcessFailure = { reason: FailureReason; message: string };

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
  ) {}

  private spawn(): Slot {
    const loader = this.entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
    const child = fork(this.entry, [], {
      // Profiling flags given to the main process (node --cpu-prof …) profile the workers too.
      execArgv: [...loader, `--max-old-space-size=${this.memoryMb}`, ...process.execArgv.filter((a) => a.startsWith('--cpu-prof') || a.startsWith('--heap-prof'))],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // V8's serializer rather than JSON: a document's analysis (token streams, mentions) is the
      // bulk of the channel, and JSON text cost both processes seconds per ingest in the profile.
      serialization: 'advanced',
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    const slot: Slot = { child, busy: null, reserved: false, stderr: '' };
    child.send({ init: { dictionary: this.dictionary } } satisfies WorkerRequest);
    child.stderr?.on('data', (chunk: Buffer) => {
      slot.stderr = (slot.stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('message', (reply: WorkerReply) => {
      const busy = slot.busy;
      if (!busy || busy.id !== reply.id) return;
      clearTimeout(busy.timer);
      slot.busy = null;
      busy.resolve(reply);
      this.release(slot);
    });
    child.on('exit', (code, signal) => {
      const busy = slot.busy;
      slot.busy = null;
      if (busy) {
        clearTimeout(busy.timer);
        const oom = /heap out of memory|Allocation failed|ERR_WORKER_OUT_OF_MEMORY/i.test(slot.stderr);
        const why = oom ? `the parser ran past the ${this.memoryMb} MB memory limit` : `the parser process died (${signal ?? `exit code ${code}`}): ${slot.stderr.trim().split('\n').slice(-1)[0] ?? ''}`.trim();
        busy.resolve({ id: busy.id, failure: { reason: oom ? 'out_of_memory' : 'crashed', message: why } });
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
    if (!next) return;
    slot.reserved = true;
    next(slot);
  }

  /**
   * A free process, started on demand: each one loads the analysis chain (jieba, pinyin, the
   * tagger's model and gazetteers: ~3 CPU-s), so a small ingest that never has two files in
   * flight never pays for a second process.
   */
  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => s.busy === null && !s.reserved && s.child.connected);
    if (free) {
      free.reserved = true;
      return Promise.resolve(free);
    }
    if (this.slots.length < this.size && !this.closed) {
      const slot = this.spawn();
      slot.reserved = true;
      this.slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async dispatch(message: { task: ExtractTask } | { ocr: OcrTask }, timeoutMs: number): Promise<WorkerReply> {
    const slot = await this.acquire();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (slot.busy?.id !== id) return;
        slot.busy = null;
        resolve({ id, failure: { reason: 'timeout', message: `the parser ran past the ${Math.round(timeoutMs / 1000)} s time limit` } });
        slot.child.kill('SIGKILL'); // the exit handler replaces the process
      }, timeoutMs);
      slot.reserved = false;
      slot.busy = { id, resolve, timer };
      slot.stderr = '';
      slot.child.send({ id, ...message } as WorkerRequest);
    });
  }

  private static failure(reply: WorkerReply): ProcessFailure | null {
    return 'failure' in reply ? reply.failure : null;
  }

  /** Extract one document in a free process; always resolves with an outcome. */
  async run(task: ExtractTask): Promise<ExtractReply> {
    const reply = await this.dispatch({ task }, this.timeoutMs);
    const failed = WorkerPool.failure(reply);
    if (failed) return { result: { ok: false, mime: 'application/octet-stream', ...failed }, analysis: null };
    return 'extract' in reply ? reply.extract : { result: { ok: false, mime: 'application/octet-stream', reason: 'crashed', message: 'unexpected reply' }, analysis: null };
  }

  /** OCR a document's pages in a free process, with a time limit per page. */
  async runOcr(task: OcrTask): Promise<OcrReply | ProcessFailure> {
    const pages = task.pages?.length ?? task.pageCount ?? 1;
    const reply = await this.dispatch({ ocr: task }, task.timeoutMs * Math.max(1, pages));
    return WorkerPool.failure(reply) ?? ('ocr' in reply ? reply.ocr : { reason: 'crashed', message: 'unexpected reply' });
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
