/**
 * Slows down password guessing: after `freeFailures` failed sign-ins for a user name (or from an
 * address), each further attempt is refused for a lock-out that doubles with every failure, up
 * to `maxLockMs`. Failures are forgotten `forgetMs` after the last one; a success clears the name.
 *
 * The counters live in a `ThrottleStore`: the database (platform/db/repositories/
 * login-throttle-repository.ts), so that several server processes behind a proxy share them, or
 * memory when none is given (one process, tests).
 */
export interface ThrottleOptions {
  /** Failures per user name before lock-outs start (default 5). */
  perName?: number;
  /** Failures per address before lock-outs start (default 20: a newsroom may share one address). */
  perAddress?: number;
  /** The first lock-out (default 15 s); each further failure doubles it. */
  baseLockMs?: number;
  maxLockMs?: number;
  forgetMs?: number;
  /** Where the counters live (default: this process's memory). */
  store?: ThrottleStore;
}

/** Failure counters by key (`name:…`, `address:…`); the login-throttle repository is one. */
export interface ThrottleStore {
  lockedUntil(keys: string[]): Promise<number>;
  countFailure(key: string, now: number, forgetBefore: number): Promise<number>;
  lock(key: string, until: number): Promise<void>;
  clear(key: string): Promise<void>;
  sweep(now: number, forgetBefore: number): Promise<void>;
}

interface Counter {
  failures: number;
  last: number;
  lockedUntil: number;
}

/** Counters in this process's memory, bounded under a spray of names. */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly counters = new Map<string, Counter>();

  async lockedUntil(keys: string[]): Promise<number> {
    return Math.max(0, ...keys.map((k) => this.counters.get(k)?.lockedUntil ?? 0));
  }

  async countFailure(key: string, now: number, forgetBefore: number): Promise<number> {
    if (this.counters.size > 100_000) await this.sweep(now, forgetBefore);
    const old = this.counters.get(key);
    const fresh = !old || (old.last < forgetBefore && old.lockedUntil <= now);
    const c = fresh ? { failures: 1, last: now, lockedUntil: 0 } : { ...old, failures: old.failures + 1, last: now };
    this.counters.set(key, c);
    return c.failures;
  }

  async lock(key: string, until: number): Promise<void> {
    const c = this.counters.get(key);
    if (c && c.lockedUntil < until) c.lockedUntil = until;
  }

  async clear(key: string): Promise<void> {
    this.counters.delete(key);
  }

  async sweep(now: number, forgetBefore: number): Promise<void> {
    for (const [key, c] of this.counters) if (c.last < forgetBefore && c.lockedUntil <= now) this.counters.delete(key);
  }
}

export class LoginThrottle {
  private readonly store: ThrottleStore;
  private readonly perName: number;
  private readonly perAddress: number;
  private readonly baseLockMs: number;
  private readonly maxLockMs: number;
  private readonly forgetMs: number;
  private lastSweep = 0;

  constructor({ perName = 5, perAddress = 20, baseLockMs = 15_000, maxLockMs = 15 * 60_000, forgetMs = 60 * 60_000, store = new MemoryThrottleStore() }: ThrottleOptions = {}) {
    this.store = store;
    this.perName = perName;
    this.perAddress = perAddress;
    this.baseLockMs = baseLockMs;
    this.maxLockMs = maxLockMs;
    this.forgetMs = forgetMs;
  }

  /** Milliseconds until this name or address may try again; 0 when it may try now. */
  async retryAfter(name: string, address: string, now = Date.now()): Promise<number> {
    const until = await this.store.lockedUntil([nameKey(name), addressKey(address)]);
    return Math.max(0, until - now);
  }

  /** Count a failed sign-in. */
  async fail(name: string, address: string, now = Date.now()): Promise<void> {
    await this.count(nameKey(name), this.perName, now);
    await this.count(addressKey(address), this.perAddress, now);
    // Forgotten counters are dropped now and then, not on every failure.
    if (now - this.lastSweep > this.forgetMs / 4) {
      this.lastSweep = now;
      await this.store.sweep(now, now - this.forgetMs);
    }
  }

  /** A successful sign-in clears the name's failures (not the address's: one valid account must not reset guessing). */
  async succeed(name: string): Promise<void> {
    await this.store.clear(nameKey(name));
  }

  private async count(key: string, free: number, now: number): Promise<void> {
    const failures = await this.store.countFailure(key, now, now - this.forgetMs);
    if (failures >= free) await this.store.lock(key, now + Math.min(this.maxLockMs, this.baseLockMs * 2 ** (failures - free)));
  }
}

const nameKey = (name: string) => `name:${name.toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
