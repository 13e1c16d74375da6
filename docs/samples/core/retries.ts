import { backoffDelay, MemoryLease, retryPolicyProblem, seededRandom, type RetryOptions } from '@strata/core';
// #region retry
import { NonRetryableError, retry, type RetryPolicy } from '@strata/core';

export const ratesPolicy: RetryPolicy = { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 2_000 };

/** Asks the rates service; an outage is retried, a 4xx answer will not change, so it is not. */
export function fetchRate(
  get: (url: string) => Promise<Response>,
  currency: string,
  options: RetryOptions = {}, // signal, random, sleep, shouldRetry, onRetry
): Promise<number> {
  return retry(
    async (attempt) => {
      const response = await get(`https://rates.example/${currency}?attempt=${attempt}`);
      if (response.status >= 400 && response.status < 500)
        throw new NonRetryableError(`no rate for ${currency}: HTTP ${response.status}`);
      if (!response.ok) throw new Error(`rates service: HTTP ${response.status}`);
      return ((await response.json()) as { rate: number }).rate;
    },
    ratesPolicy,
    options,
  );
}
// #endregion

export function delays() {
  const policy = ratesPolicy;
  // #region backoff
  const random = seededRandom(7); // or mathRandom; the same seed gives the same waits
  const first = backoffDelay(policy, 1, random); // the wait after attempt 1 failed: in [0, 100)
  const third = backoffDelay(policy, 3, random); // in [0, 400)
  const capped = backoffDelay({ ...policy, jitter: 'none' }, 6, random); // 2000: 100 · 2^5, capped
  const problem = retryPolicyProblem({ maxAttempts: 0 }); // 'maxAttempts must be an integer >= 1, got 0'
  // #endregion
  return { first, third, capped, problem };
}

export async function leases() {
  // #region lease
  const lease = new MemoryLease(); // one process; PostgresLease (@strata/postgres) across machines
  const a = await lease.acquire('relay:orders', 'worker-a', 10_000); // true: it was free
  const b = await lease.acquire('relay:orders', 'worker-b', 10_000); // false: worker-a holds it
  const renewed = await lease.renew('relay:orders', 'worker-a', 10_000); // true: 10 s from now
  await lease.release('relay:orders', 'worker-a'); // free at once, no wait for the expiry
  const taken = await lease.acquire('relay:orders', 'worker-b', 10_000); // true
  // #endregion
  return { a, b, renewed, taken };
}
