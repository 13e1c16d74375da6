import { retryPolicyProblem, timerSleep, type RetryPolicy, type Sleep } from '@strata/core';
import { IntegrationOptionError } from '../errors/integration-errors.js';

// Core's policy, backoff and sleep; these names stay for existing imports of this package.
export { backoffDelay } from '@strata/core';
export type { RetryPolicy, Sleep };

export const defaultRetry: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 10_000,
};

/** Throws `IntegrationOptionError` naming the key when the policy cannot work; returns it otherwise. */
export function checkRetryPolicy(policy: RetryPolicy, option = 'retry'): RetryPolicy {
  const problem = retryPolicyProblem(policy);
  if (problem) {
    const key = problem.split(' ')[0]!;
    throw new IntegrationOptionError(`${option}.${key}`, problem.slice(key.length + 1));
  }
  return policy;
}

/** Core's `timerSleep` under this package's old name. */
export const realSleep: Sleep = timerSleep;
