import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../webhooks/retry-after.js';
import { backoffDelay, checkRetryPolicy } from './backoff.js';

describe('backoff', () => {
  it('property: the delay is the capped exponential, less at most its jitter fraction', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (base, extra, factor, jitter, retry, r) => {
          const policy = { maxAttempts: 50, baseDelayMs: base, maxDelayMs: base + extra, factor, jitter };
          const envelope = Math.min(policy.maxDelayMs, base * factor ** (retry - 1));
          const delay = backoffDelay(policy, retry, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(envelope * (1 - jitter)) - 1);
          expect(delay).toBeLessThanOrEqual(Math.ceil(envelope));
        },
      ),
    );
  });

  it('grows until the cap and rejects nonsense policies', () => {
    const policy = { maxAttempts: 9, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0.3))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(() => checkRetryPolicy({ ...policy, maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => checkRetryPolicy({ ...policy, maxDelayMs: 10 })).toThrow(/baseDelayMs/);
    expect(() => checkRetryPolicy({ ...policy, jitter: 2 })).toThrow(/jitter/);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect([parseRetryAfter(null, now), parseRetryAfter('soon', now), parseRetryAfter(' ', now)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
