import { backoffDelay, NonRetryableError, seededRandom } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { delays, fetchRate, leases, ratesPolicy } from './retries.js';

function service(statuses: number[]) {
  const urls: string[] = [];
  const get = (url: string) => {
    urls.push(url);
    const status = statuses.shift() ?? 200;
    return Promise.resolve(new Response(JSON.stringify({ rate: 1.1 }), { status }));
  };
  return { get, urls };
}

describe('core: retries and leases', () => {
  it('retry: outages are retried with the policy’s backoff, from the injected random', async () => {
    const { get, urls } = service([503, 502]);
    const waits: number[] = [];
    const sleep = (ms: number) => (waits.push(ms), Promise.resolve());
    expect(await fetchRate(get, 'EUR', { sleep, random: seededRandom(1) })).toBe(1.1);
    expect(urls).toEqual([
      'https://rates.example/EUR?attempt=1',
      'https://rates.example/EUR?attempt=2',
      'https://rates.example/EUR?attempt=3',
    ]);
    const random = seededRandom(1);
    expect(waits).toEqual([backoffDelay(ratesPolicy, 1, random), backoffDelay(ratesPolicy, 2, random)]);
  });

  it('retry: a NonRetryableError ends it at once; exhausted attempts give the last error', async () => {
    const sleep = () => Promise.resolve();
    const missing = service([404]);
    await expect(fetchRate(missing.get, 'XXX', { sleep })).rejects.toBeInstanceOf(NonRetryableError);
    expect(missing.urls).toHaveLength(1);
    const down = service([503, 503, 503, 500]);
    await expect(fetchRate(down.get, 'EUR', { sleep })).rejects.toThrow('rates service: HTTP 500');
    expect(down.urls).toHaveLength(4);
  });

  it('backoffDelay and retryPolicyProblem', () => {
    const { first, third, capped, problem } = delays();
    expect(first >= 0 && first < 100 && Number.isInteger(first)).toBe(true);
    expect(third >= 0 && third < 400).toBe(true);
    expect(capped).toBe(2_000);
    expect(problem).toBe('maxAttempts must be an integer >= 1, got 0');
    expect(delays()).toEqual(delays()); // seeded: the same every run
  });

  it('MemoryLease: one owner at a time, renew while held, release frees it', async () => {
    expect(await leases()).toEqual({ a: true, b: false, renewed: true, taken: true });
  });
});
