import type { Random } from '@strata/core';
import { IntegrationOptionError } from '../errors/integration-errors.js';

/** How often and how patiently something is retried. */
export interface RetryPolicy {
  /** Total attempts including the first (1 = no retry). */
  readonly maxAttempts: number;
  /** Delay before the first retry, before jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Growth per attempt (2 = doubling). */
  readonly factor?: number;
  /** Fraction of the delay that is random (0 = none, 1 = full jitter). Default 0.5. */
  readonly jitter?: number;
}

export const defaultRetry: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 10_000,
  factor: 2,
  jitter: 0.5,
};

export function checkRetryPolicy(policy: RetryPolicy, option = 'retry'): RetryPolicy {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1)
    throw new IntegrationOptionError(`${option}.maxAttempts`, 'must be an integer >= 1');
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= policy.baseDelayMs))
    throw new IntegrationOptionError(`${option}.baseDelayMs`, 'need 0 <= baseDelayMs <= maxDelayMs');
  const jitter = policy.jitter ?? 0.5;
  if (!(jitter >= 0 && jitter <= 1))
    throw new IntegrationOptionError(`${option}.jitter`, 'must be within [0, 1]');
  return policy;
}

/**
 * The delay before retry number `retry` (1 = the first retry): exponential, capped, and the
 * `jitter` fraction of it drawn at random so that many failing clients do not retry in step.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: Random): number {
  const factor = policy.factor ?? 2;
  const jitter = policy.jitter ?? 0.5;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * factor ** Math.max(0, retry - 1));
  return Math.round(exponential * (1 - jitter) + exponential * jitter * random());
}

/** Waits `ms`; injectable so tests run without real time passing. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
