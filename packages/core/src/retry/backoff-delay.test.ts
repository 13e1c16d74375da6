import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../providers/random.js';
import { backoffDelay } from './backoff-delay.js';
import { retryPolicyProblem } from './retry-policy.js';

describe('backoffDelay', () => {
  it('property: full jitter, a whole number in [0, ceiling) under the capped exponential ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (initialDelayMs, extra, attempt, factor, r) => {
          const policy = { maxAttempts: 99, initialDelayMs, maxDelayMs: initialDelayMs + extra, factor };
          const ceiling = Math.min(policy.maxDelayMs, initialDelayMs * factor ** (attempt - 1));
          const delay = backoffDelay(policy, attempt, () => r);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBe(Math.floor(r * ceiling));
          expect(delay).toBeLessThan(Math.max(1, ceiling));
        },
      ),
    );
  });

  it('doubles the ceiling per failed attempt up to the cap; jitter none waits the ceiling', () => {
    const policy = { maxAttempts: 9, initialDelayMs: 100, maxDelayMs: 1_000 };
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, top))).toEqual([99, 199, 399, 799, 999]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay({ ...policy, jitter: 'none' }, n, () => 0))).toEqual([
      100, 200, 400, 800, 1_000,
    ]);
    expect([1, 2, 3].map((n) => backoffDelay({ ...policy, factor: 3, jitter: 'none' }, n, top))).toEqual([
      100, 300, 900,
    ]);
  });

  it('is deterministic with a seeded random', () => {
    const policy = { maxAttempts: 9, initialDelayMs: 100, maxDelayMs: 10_000 };
    const run = (seed: number) => {
      const random = seededRandom(seed);
      return [1, 2, 3, 4].map((n) => backoffDelay(policy, n, random));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});

describe('retryPolicyProblem', () => {
  it('names the key that is wrong, and nothing for a good policy', () => {
    expect(retryPolicyProblem({ maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 100 })).toBeUndefined();
    expect(retryPolicyProblem({})).toBeUndefined();
    expect(retryPolicyProblem({ maxAttempts: 0 })).toMatch(/^maxAttempts/);
    expect(retryPolicyProblem({ maxAttempts: 1.5 })).toMatch(/^maxAttempts/);
    expect(retryPolicyProblem({ initialDelayMs: -1 })).toMatch(/^initialDelayMs/);
    expect(retryPolicyProblem({ maxDelayMs: Number.NaN })).toMatch(/^maxDelayMs/);
    expect(retryPolicyProblem({ initialDelayMs: 100, maxDelayMs: 10 })).toMatch(
      /^maxDelayMs must be >= initialDelayMs/,
    );
    expect(retryPolicyProblem({ factor: 0.5 })).toMatch(/^factor/);
    expect(retryPolicyProblem({ jitter: 'equal' as never })).toMatch(/^jitter/);
  });
});
