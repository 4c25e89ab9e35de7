/**
 * PostgreSQL errors after which a transaction is simply run again: a deadlock (two workers upserting
 * the same entities in another order), a serialisation failure, and a unique violation (two workers
 * registering the same archive member at once: on the retry the row exists and is reused).
 */
const RETRYABLE = new Set(['40P01', '40001', '23505']);

export interface RetryCounter {
  retries: number;
}

/** Run `fn` (one whole transaction) again, up to `times`, when it fails for a retryable reason. */
export async function withRetry<T>(fn: () => Promise<T>, counter?: RetryCounter, times = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= times || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      if (counter) counter.retries++;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 40));
    }
  }
}
