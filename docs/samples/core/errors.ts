// #region to-http
import {
  AggregateNotFoundError,
  ConcurrencyError,
  DomainError,
  EventValidationError,
  StrataError,
} from '@strata/core';

/** One place that turns Strata's errors into HTTP answers. */
export function toHttp(error: unknown): { status: number; body: Record<string, unknown> } {
  if (error instanceof DomainError) {
    return { status: 422, body: { code: error.code, message: error.message, details: error.details } };
  }
  if (error instanceof AggregateNotFoundError) {
    return { status: 404, body: { code: error.code, stream: error.streamId } };
  }
  if (error instanceof ConcurrencyError) {
    // Retried already (Repository.update's `retries`); the client may try again.
    return { status: 409, body: { code: error.code, actualRevision: error.actualRevision.toString() } };
  }
  if (error instanceof EventValidationError) {
    const paths = error.issues.map((issue) => issue.path.join('.'));
    return { status: 400, body: { code: error.code, eventType: error.eventType, paths } };
  }
  if (error instanceof StrataError) return { status: 500, body: { code: error.code } };
  return { status: 500, body: { code: 'INTERNAL' } };
}
// #endregion
