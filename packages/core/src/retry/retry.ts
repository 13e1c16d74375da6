import { mathRandom, type Random } from '../providers/random.js';
import { backoffDelay } from './backoff-delay.js';
import { isRetryable } from './non-retryable-error.js';
import type { RetryPolicy } from './retry-policy.js';
import { timerSleep, type Sleep } from './sleep.js';

/** What `retry` takes besides the function and the policy; all optional. */
export interface RetryOptions {
  /** Stops retrying: a wait in progress ends and `retry` rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** The jitter source. Default `mathRandom`; inject `seededRandom(n)` for determinism. */
  readonly random?: Random;
  /** How the waits happen. Default `timerSleep`. */
  readonly sleep?: Sleep;
  /**
   * Narrows what is retried (it is asked only about errors `isRetryable` allows: a `DomainError`
   * or an error with `retryable === false` is never retried).
   */
  readonly shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Told before each wait: the failed attempt (1-based), its error and the wait. */
  readonly onRetry?: (failure: {
    readonly attempt: number;
    readonly error: unknown;
    readonly delayMs: number;
  }) => void;
}

/**
 * Calls `fn` until it succeeds, the policy's attempts are spent, or an error must not be
 * retried; rejects then with the last error as thrown (its type and code intact).
 */
export async function retry<T>(
  fn: (attempt: number) => Promise<T> | T,
  policy: RetryPolicy,
  options: RetryOptions = {},
): Promise<T> {
  const { signal } = options;
  const random = options.random ?? mathRandom;
  const sleep = options.sleep ?? timerSleep;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      const again =
        attempt < policy.maxAttempts && isRetryable(error) && (options.shouldRetry?.(error, attempt) ?? true);
      if (!again) throw error;
      const delayMs = backoffDelay(policy, attempt, random);
      options.onRetry?.({ attempt, error, delayMs });
      await sleep(delayMs, signal);
    }
  }
}
