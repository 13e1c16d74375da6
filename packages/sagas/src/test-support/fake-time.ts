import type { Clock } from '@strata/core';
import type { Sleep } from '@strata/core';

interface Timer {
  readonly due: number;
  readonly resolve: () => void;
}

/**
 * Virtual time for tests. A sleep shorter than `holdMs` completes on the next macrotask with the
 * clock moved to its end (so backoff and attempt timeouts cost nothing, yet a step that settles
 * in microtasks always beats its timeout); longer sleeps wait for `advance`.
 */
export class FakeTime {
  #now: number;
  readonly #held = new Set<Timer>();
  readonly #holdMs: number;
  /** Every sleep requested, in order: what backoff tests look at. */
  readonly requested: number[] = [];

  constructor(start = '2024-01-01T00:00:00.000Z', holdMs = 20_000) {
    this.#now = Date.parse(start);
    this.#holdMs = holdMs;
  }

  readonly clock: Clock = { now: () => new Date(this.#now) };

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      this.requested.push(ms);
      if (signal?.aborted || ms <= 0) return resolve();
      let settled = false;
      const timer: Timer = {
        due: this.#now + ms,
        resolve: () => {
          settled = true;
          this.#held.delete(timer);
          signal?.removeEventListener('abort', timer.resolve);
          resolve();
        },
      };
      signal?.addEventListener('abort', timer.resolve, { once: true });
      if (ms >= this.#holdMs) {
        this.#held.add(timer);
        return;
      }
      setImmediate(() => {
        // An aborted sleep (a step that beat its timeout) does not move the clock.
        if (settled) return;
        this.#now = Math.max(this.#now, timer.due);
        timer.resolve();
      });
    });

  /** Moves the clock and fires the held sleeps that are due. */
  advance(ms: number): void {
    this.#now += ms;
    for (const timer of [...this.#held]) if (timer.due <= this.#now) timer.resolve();
  }
}
