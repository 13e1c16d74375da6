import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('is full jitter under an exponential ceiling capped at maxDelayMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (initialDelayMs, maxDelayMs, failures, r) => {
          const delay = backoffDelay({ maxAttempts: 3, initialDelayMs, maxDelayMs }, failures, () => r);
          const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** (failures - 1));
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(delay).toBe(Math.floor(r * ceiling));
        },
      ),
    );
  });

  it('doubles the ceiling per failure', () => {
    const policy = { maxAttempts: 9, initialDelayMs: 100, maxDelayMs: 1_000 };
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, top))).toEqual([99, 199, 399, 799, 999]);
  });
});
