import { systemClock, type Clock } from '../providers/clock.js';
import type { Lease } from './lease.js';

/** Leases within one process (tests, a single instance), timed by an injectable clock. */
export class MemoryLease implements Lease {
  readonly #held = new Map<string, { owner: string; expiresAt: number }>();
  readonly #clock: Clock;

  constructor(options: { readonly clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = this.#clock.now().getTime();
    const current = this.#held.get(name);
    if (current && current.owner !== owner && current.expiresAt > now) return Promise.resolve(false);
    this.#held.set(name, { owner, expiresAt: now + ttlMs });
    return Promise.resolve(true);
  }

  renew(name: string, owner: string, ttlMs: number): Promise<boolean> {
    if (!this.holds(name, owner)) return Promise.resolve(false);
    this.#held.set(name, { owner, expiresAt: this.#clock.now().getTime() + ttlMs });
    return Promise.resolve(true);
  }

  release(name: string, owner: string): Promise<void> {
    if (this.#held.get(name)?.owner === owner) this.#held.delete(name);
    return Promise.resolve();
  }

  /** True while `owner` holds an unexpired lease on `name` (what a memory target fences with). */
  holds(name: string, owner: string): boolean {
    const current = this.#held.get(name);
    return current?.owner === owner && current.expiresAt > this.#clock.now().getTime();
  }
}
