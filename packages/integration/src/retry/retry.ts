import { backoffDelay, isRetryable, type Random, type RetryPolicy, type Sleep } from '@strata/core';

export type RetryOutcome =
  | { readonly ok: true; readonly attempts: number }
  | { readonly ok: false; readonly attempts: number; readonly error: unknown };

export interface RetryRun {
  readonly policy: RetryPolicy;
  readonly sleep: Sleep;
  readonly random: Random;
  /** Called before each retry with the failed attempt's error; may stretch the delay (Retry-After). */
  readonly onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
  /** A delay the error itself asks for, which wins over the backoff when longer. */
  readonly delayFrom?: (error: unknown) => number | undefined;
  /**
   * Errors for which another attempt is pointless besides those core's `isRetryable` rejects
   * (a `DomainError`, `retryable === false`); they end the run at once.
   */
  readonly isFatal?: (error: unknown) => boolean;
}

/** Runs `attempt` until it succeeds or the policy's attempts are spent; never throws. */
export async function retrying(run: RetryRun, attempt: (n: number) => Promise<void>): Promise<RetryOutcome> {
  for (let n = 1; ; n++) {
    try {
      await attempt(n);
      return { ok: true, attempts: n };
    } catch (error) {
      if (n >= run.policy.maxAttempts || !isRetryable(error) || run.isFatal?.(error))
        return { ok: false, attempts: n, error };
      const asked = run.delayFrom?.(error);
      const delay = Math.max(
        backoffDelay(run.policy, n, run.random),
        Math.min(asked ?? 0, run.policy.maxDelayMs),
      );
      run.onRetry?.(n, error, delay);
      await run.sleep(delay);
    }
  }
}
