import { systemClock, type Clock } from '@strata/core';
import type { LeaseClaim, Leases } from './read-model-target.js';

/** Leases for runners that share one in-process target (tests, a demo with several runners). */
export class MemoryLeases implements Leases {
  readonly #held = new Map<string, { owner: string; expiresAt: number }>();
  readonly #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  async acquire(claim: LeaseClaim, ttlMs: number): Promise<boolean> {
    const now = this.#clock.now().getTime();
    const current = this.#held.get(claim.key);
    if (current && current.owner !== claim.owner && current.expiresAt > now) return false;
    this.#held.set(claim.key, { owner: claim.owner, expiresAt: now + ttlMs });
    return true;
  }

  async release(claim: LeaseClaim): Promise<void> {
    if (this.#held.get(claim.key)?.owner === claim.owner) this.#held.delete(claim.key);
  }

  /** True while `claim` holds an unexpired lease. */
  holds(claim: LeaseClaim): boolean {
    const current = this.#held.get(claim.key);
    return current?.owner === claim.owner && current.expiresAt > this.#clock.now().getTime();
  }
}
