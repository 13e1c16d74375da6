import type { RetryPolicy } from '../definition/define-projection.js';

/**
 * The delay before retry number `attempt` (0-based): exponential from `baseDelayMs`, capped at
 * `maxDelayMs`, with "equal jitter" (half fixed, half random) so that runners that failed
 * together do not retry together, yet each delay is at least half the exponential step.
 */
export function backoffDelay(attempt: number, policy: Required<RetryPolicy>, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(step / 2 + (random() * step) / 2);
}

export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
