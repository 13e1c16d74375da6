import { systemClock, type Clock } from '@strata/core';
import type { Lease } from './lease.js';

/** Leases within one process (tests, a single instance). */
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

  release(name: string, owner: string): Promise<void> {
    if (this.#held.get(name)?.owner === owner) this.#held.delete(name);
    return Promise.resolve();
  }
}
