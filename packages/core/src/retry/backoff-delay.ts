import type { Random } from '../providers/random.js';
import type { RetryPolicy } from './retry-policy.js';

/**
 * The wait after failed attempt `attempt` (1 = the first attempt failed): a ceiling of
 * min(maxDelayMs, initialDelayMs · factor^(attempt-1)) and, with full jitter, a random whole
 * number of milliseconds in [0, ceiling). Full jitter spreads out the retries of clients that
 * failed together the most, so a recovering service is not hit in waves; the cap bounds the wait.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: Random): number {
  const factor = policy.factor ?? 2;
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * factor ** Math.max(0, attempt - 1));
  return policy.jitter === 'none' ? ceiling : Math.floor(random() * ceiling);
}
