/**
 * Searches answered on worker threads, each with its own read connection, index and analysis
 * chain (src/search-thread.ts builds them), so a server's readers do not queue behind one
 * synchronous SQLite connection, and the main thread stays free to serve pages meanwhile. A query
 * goes to an idle thread, else waits for the first to free up. Until a thread has opened its
 * connection and warmed up (seconds: the segmenter's dictionary), queries are answered by
 * `fallback` on the calling thread, and again if every thread has died.
 */
import { Worker } from 'node:worker_threads';
import { DossierError, type ErrorCode } from '../domain/errors.js';
import type { SearchOptions, SearchResult } from './index.js';

/** What a thread can be asked: the options that cross a thread (no callbacks, no handles). */
export type ThreadSearchOptions = Omit<SearchOptions, 'translationText' | 'records'>;
export interface ThreadSearchRequest {
  id: number;
  input: string;
  options: ThreadSearchOptions;
}
export type ThreadSearchReply = { ready: true } | { id: number; result: SearchResult } | { id: number; error: { code?: ErrorCode; message: string } };

/** Anything that answers searches: the thread pool, or a search on this thread. */
export type SearchRunner = (input: string, options: ThreadSearchOptions) => Promise<SearchResult>;

interface Pending {
  id: number;
  input: string;
  options: ThreadSearchOptions;
  resolve(result: SearchResult): void;
  reject(error: unknown): void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  busy: Pending | null;
}

export class SearchThreads {
  private readonly threads: Thread[] = [];
  private readonly waiting: Pending[] = [];
  private next = 1;
  private closed = false;

  /** `entry`: the thread's module; `data`: what it opens (workspace database, dictionary). */
  constructor(entry: string, count: number, data: unknown, private readonly fallback: SearchRunner) {
    for (let i = 0; i < count; i++) this.start(entry, data);
  }

  readonly search: SearchRunner = (input, options) => {
    if (!this.threads.some((t) => t.ready)) return this.fallback(input, options);
    return new Promise<SearchResult>((resolve, reject) => {
      this.waiting.push({ id: this.next++, input, options, resolve, reject });
      this.dispatch();
    });
  };

  /** Resolves once every thread is ready (or has died) with the number answering. */
  async ready(): Promise<number> {
    while (this.threads.some((t) => !t.ready)) await new Promise((r) => setTimeout(r, 20));
    return this.threads.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private start(entry: string, data: unknown): void {
    const thread: Thread = { worker: new Worker(entry, { workerData: data }), ready: false, busy: null };
    this.threads.push(thread);
    thread.worker.on('message', (reply: ThreadSearchReply) => {
      if ('ready' in reply) thread.ready = true;
      else {
        const pending = thread.busy;
        thread.busy = null;
        if (pending && pending.id === reply.id) {
          if ('result' in reply) pending.resolve(reply.result);
          else pending.reject(reply.error.code ? new DossierError(reply.error.code, reply.error.message) : new Error(reply.error.message));
        }
      }
      this.dispatch();
    });
    // A thread that dies fails its query; the others (or the fallback) answer the rest.
    const gone = (error: unknown) => {
      const index = this.threads.indexOf(thread);
      if (index < 0) return;
      this.threads.splice(index, 1);
      if (!this.closed) console.error('dossier: a search thread stopped:', error);
      thread.busy?.reject(error instanceof Error ? error : new Error(`the search thread stopped (${String(error)})`));
      thread.busy = null;
      if (!this.threads.some((t) => t.ready)) for (const p of this.waiting.splice(0)) this.fallback(p.input, p.options).then(p.resolve, p.reject);
      else this.dispatch();
    };
    thread.worker.on('error', gone);
    thread.worker.on('exit', (code) => gone(`exit ${code}`));
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (!thread.ready || thread.busy) continue;
      const pending = this.waiting.shift();
      if (!pending) return;
      thread.busy = pending;
      const request: ThreadSearchRequest = { id: pending.id, input: pending.input, options: pending.options };
      thread.worker.postMessage(request);
    }
  }
}
