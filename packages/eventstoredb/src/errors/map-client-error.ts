import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotFoundError,
  NotLeaderError,
  StreamDeletedError as ClientStreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyError, StrataError, type ExpectedRevision } from '@strata/core';
import {
  EventStoreDBAccessDeniedError,
  EventStoreDBAppendTooLargeError,
  EventStoreDBDeadlineError,
  EventStoreDBError,
  EventStoreDBNotFoundError,
  EventStoreDBUnavailableError,
  StreamDeletedError,
  type FailureContext,
} from './eventstoredb-errors.js';

/** The client's "stream is at this revision" as Strata's bigint (`-1n` for no stream). */
export function toStrataRevision(revision: bigint | string | undefined): bigint {
  return typeof revision === 'bigint' ? revision : -1n;
}

/** Transport failures: the call may succeed on another attempt (reconnect, leader change). */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError ||
    error instanceof TimeoutError ||
    error instanceof DeadlineExceededError
  );
}

/**
 * A client error as a typed Strata error that keeps it as `cause`. Strata's own errors pass
 * through; a wrong expected version becomes `ConcurrencyError` with the writer's expectation.
 */
export function mapClientError(error: unknown, context: FailureContext, expected?: ExpectedRevision): Error {
  if (error instanceof StrataError) return error;
  if (error instanceof WrongExpectedVersionError && context.streamId !== undefined) {
    return new ConcurrencyError(
      context.streamId,
      expected ?? normaliseExpected(error.expectedVersion),
      toStrataRevision(error.actualVersion),
    );
  }
  if (error instanceof ClientStreamDeletedError) {
    return new StreamDeletedError({ ...context, streamId: context.streamId ?? error.streamName }, error);
  }
  if (error instanceof AccessDeniedError) return new EventStoreDBAccessDeniedError(context, error);
  if (error instanceof MaxAppendSizeExceededError) {
    return new EventStoreDBAppendTooLargeError(context, error.maxAppendSize, error);
  }
  if (error instanceof DeadlineExceededError || error instanceof TimeoutError) {
    return new EventStoreDBDeadlineError(context, error);
  }
  if (
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  ) {
    return new EventStoreDBUnavailableError(context, error);
  }
  if (error instanceof NotFoundError) return new EventStoreDBNotFoundError(context, error);
  const message = error instanceof Error ? error.message : String(error);
  return new EventStoreDBError(
    'EVENTSTOREDB_ERROR',
    `EventStoreDB failed to ${context.operation}: ${message}`,
    context,
    error,
  );
}

function normaliseExpected(expected: bigint | string): ExpectedRevision {
  if (typeof expected === 'bigint') return expected;
  return expected === 'no_stream' || expected === 'stream_exists' ? expected : 'any';
}
