import type { Random } from '@strata/core';
import type { RetryPolicy } from '../definition/saga-types.js';

/** The wait after failed attempt `failures` (1-based): full jitter up to min(max, initial · 2^(failures-1)). */
export function backoffDelay(policy: RetryPolicy, failures: number, random: Random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}
