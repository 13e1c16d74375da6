import { DomainError } from '../errors/domain-error.js';
import { StrataError } from '../errors/strata-error.js';

/**
 * Thrown to say "another attempt will fail the same way": `retry`, saga steps, projection
 * handlers and integration deliveries give up at once. The original error goes in `cause`.
 */
export class NonRetryableError extends StrataError {
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super('NON_RETRYABLE', message, options);
  }
}

/**
 * False for errors another attempt cannot fix: a `DomainError` (the rule says no again) and any
 * error with `retryable === false` (`NonRetryableError`, or an error class of your own).
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof DomainError) return false;
  return !(
    typeof error === 'object' &&
    error !== null &&
    'retryable' in error &&
    (error as { retryable?: unknown }).retryable === false
  );
}
