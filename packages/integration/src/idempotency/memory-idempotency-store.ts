import { systemClock, type Clock } from '@strata/core';
import type { ClaimResult, IdempotencyStore } from './idempotency-store.js';

/** Keys in memory: tests and single-process consumers. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #keys = new Map<string, { state: 'processing' | 'done'; expiresAt: number }>();
  readonly #clock: Clock;

  constructor(options: { readonly clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  claim(key: string, lockMs: number): Promise<ClaimResult> {
    const now = this.#clock.now().getTime();
    const entry = this.#keys.get(key);
    if (entry && entry.expiresAt > now) return Promise.resolve(entry.state === 'done' ? 'done' : 'busy');
    this.#keys.set(key, { state: 'processing', expiresAt: now + lockMs });
    return Promise.resolve('claimed');
  }

  complete(key: string, ttlMs: number): Promise<void> {
    this.#keys.set(key, { state: 'done', expiresAt: this.#clock.now().getTime() + ttlMs });
    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    if (this.#keys.get(key)?.state === 'processing') this.#keys.delete(key);
    return Promise.resolve();
  }
}
