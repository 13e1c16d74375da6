import { DomainError, NonRetryableError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../webhooks/retry-after.js';
import { checkRetryPolicy } from './backoff.js';
import { retrying } from './retry.js';

describe('retry', () => {
  it('rejects nonsense policies with an IntegrationOptionError naming the key', () => {
    const policy = { maxAttempts: 9, initialDelayMs: 100, maxDelayMs: 1000 };
    expect(checkRetryPolicy(policy)).toBe(policy);
    expect(() => checkRetryPolicy({ ...policy, maxAttempts: 0 })).toThrow(/retry\.maxAttempts/);
    expect(() => checkRetryPolicy({ ...policy, maxDelayMs: 10 })).toThrow(
      /retry\.maxDelayMs.*initialDelayMs/,
    );
    expect(() => checkRetryPolicy({ ...policy, jitter: 'half' as never }, 'relay.retry')).toThrow(
      /relay\.retry\.jitter/,
    );
  });

  it('retrying stops at once on a DomainError or a non-retryable error, waiting for nothing', async () => {
    for (const error of [new DomainError('NO', 'no'), new NonRetryableError('no')]) {
      const waits: number[] = [];
      let calls = 0;
      const outcome = await retrying(
        {
          policy: { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 100 },
          sleep: (ms) => (waits.push(ms), Promise.resolve()),
          random: () => 0.5,
        },
        () => {
          calls++;
          return Promise.reject(error);
        },
      );
      expect(outcome).toEqual({ ok: false, attempts: 1, error });
      expect([calls, waits]).toEqual([1, []]);
    }
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
