import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { seededRandom } from '../providers/random.js';
import { backoffDelay } from './backoff-delay.js';
import { NonRetryableError, isRetryable } from './non-retryable-error.js';
import { retry } from './retry.js';

const policy = { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 1_000 };

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
}

function failing(times: number, error: () => unknown = () => new Error('flaky')) {
  let calls = 0;
  const fn = (attempt: number) => {
    calls++;
    if (attempt <= times) throw error();
    return Promise.resolve(`ok on ${attempt}`);
  };
  return { fn, calls: () => calls };
}

describe('retry', () => {
  it('retries until success, waiting backoffDelay drawn from the injected random', async () => {
    const { waits, sleep } = recorder();
    const { fn, calls } = failing(2);
    await expect(retry(fn, policy, { sleep, random: seededRandom(1) })).resolves.toBe('ok on 3');
    expect(calls()).toBe(3);
    const random = seededRandom(1);
    expect(waits).toEqual([backoffDelay(policy, 1, random), backoffDelay(policy, 2, random)]);
  });

  it('gives up after maxAttempts with the last error as thrown', async () => {
    const { waits, sleep } = recorder();
    let n = 0;
    const fn = () => Promise.reject(new Error(`failure ${++n}`));
    await expect(retry(fn, policy, { sleep })).rejects.toThrow('failure 4');
    expect(waits).toHaveLength(3);
  });

  it('never retries a DomainError or an error with retryable === false', async () => {
    for (const error of [
      new DomainError('NOT_ENROLLED', 'enrol first'),
      new NonRetryableError('card expired', { cause: new Error('402') }),
      Object.assign(new Error('bad request'), { retryable: false }),
    ]) {
      const { waits, sleep } = recorder();
      const { fn, calls } = failing(9, () => error);
      await expect(retry(fn, policy, { sleep })).rejects.toBe(error);
      expect(calls()).toBe(1);
      expect(waits).toEqual([]);
    }
  });

  it('shouldRetry narrows what is retried; onRetry is told each wait', async () => {
    const { sleep } = recorder();
    const told: number[] = [];
    const { fn, calls } = failing(9, () => Object.assign(new Error('x'), { status: 400 }));
    await expect(
      retry(fn, policy, {
        sleep,
        shouldRetry: (_error, attempt) => attempt < 2,
        onRetry: ({ attempt }) => told.push(attempt),
      }),
    ).rejects.toThrow('x');
    expect(calls()).toBe(2);
    expect(told).toEqual([1]);
  });

  it('an aborted signal ends the waiting and rejects with its reason', async () => {
    const controller = new AbortController();
    const { fn, calls } = failing(9);
    const sleep = (_ms: number, signal?: AbortSignal) => {
      controller.abort(new Error('shutting down'));
      expect(signal?.aborted).toBe(true);
      return Promise.resolve();
    };
    await expect(retry(fn, policy, { sleep, signal: controller.signal })).rejects.toThrow('shutting down');
    expect(calls()).toBe(1);
  });

  it('isRetryable: plain errors yes; domain errors and retryable === false no', () => {
    expect(isRetryable(new Error('timeout'))).toBe(true);
    expect(isRetryable('a string')).toBe(true);
    expect(isRetryable(Object.assign(new Error('x'), { retryable: true }))).toBe(true);
    expect(isRetryable(new DomainError('NO', 'no'))).toBe(false);
    expect(isRetryable(new NonRetryableError('no'))).toBe(false);
    expect(new NonRetryableError('no').code).toBe('NON_RETRYABLE');
  });
});
