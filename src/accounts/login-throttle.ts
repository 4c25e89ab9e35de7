/**
 * Slows down password guessing: after `freeFailures` failed sign-ins for a user name (or from an
 * address), each further attempt is refused for a lock-out that doubles with every failure, up
 * to `maxLockMs`. Failures are forgotten `forgetMs` after the last one; a success clears the name.
 *
 * The counters live in memory: right for one server process (the embedded install). Several
 * server processes behind a load balancer would each count separately and need a shared store.
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
}

interface Counter {
  failures: number;
  last: number;
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly byName = new Map<string, Counter>();
  private readonly byAddress = new Map<string, Counter>();
  private readonly perName: number;
  private readonly perAddress: number;
  private readonly baseLockMs: number;
  private readonly maxLockMs: number;
  private readonly forgetMs: number;

  constructor({ perName = 5, perAddress = 20, baseLockMs = 15_000, maxLockMs = 15 * 60_000, forgetMs = 60 * 60_000 }: ThrottleOptions = {}) {
    this.perName = perName;
    this.perAddress = perAddress;
    this.baseLockMs = baseLockMs;
    this.maxLockMs = maxLockMs;
    this.forgetMs = forgetMs;
  }

  /** Milliseconds until this name or address may try again; 0 when it may try now. */
  retryAfter(name: string, address: string, now = Date.now()): number {
    const wait = (c: Counter | undefined) => (c ? Math.max(0, c.lockedUntil - now) : 0);
    return Math.max(wait(this.current(this.byName, name.toLowerCase(), now)), wait(this.current(this.byAddress, address, now)));
  }

  /** Count a failed sign-in. */
  fail(name: string, address: string, now = Date.now()): void {
    this.count(this.byName, name.toLowerCase(), this.perName, now);
    this.count(this.byAddress, address, this.perAddress, now);
  }

  /** A successful sign-in clears the name's failures (not the address's: one valid account must not reset guessing). */
  succeed(name: string): void {
    this.byName.delete(name.toLowerCase());
  }

  private current(map: Map<string, Counter>, key: string, now: number): Counter | undefined {
    const c = map.get(key);
    if (c && now - c.last > this.forgetMs && now >= c.lockedUntil) {
      map.delete(key);
      return undefined;
    }
    return c;
  }

  private count(map: Map<string, Counter>, key: string, free: number, now: number): void {
    if (map.size > 100_000) this.sweep(map, now); // bounded memory under a spray of names
    const c = this.current(map, key, now) ?? { failures: 0, last: now, lockedUntil: 0 };
    c.failures += 1;
    c.last = now;
    if (c.failures >= free) c.lockedUntil = now + Math.min(this.maxLockMs, this.baseLockMs * 2 ** (c.failures - free));
    map.set(key, c);
  }

  private sweep(map: Map<string, Counter>, now: number): void {
    for (const [key, c] of map) if (now - c.last > this.forgetMs && now >= c.lockedUntil) map.delete(key);
  }
}
