import { StrataError } from '@strata/core';

/** What the adapter was doing when the client failed, for the message and the fields. */
export interface FailureContext {
  readonly operation: string;
  readonly streamId?: string | undefined;
}

function where(context: FailureContext): string {
  return context.streamId !== undefined ? `${context.operation} '${context.streamId}'` : context.operation;
}

/** The base of the adapter's errors: the client's error is the `cause`. */
export class EventStoreDBError extends StrataError {
  readonly operation: string;
  readonly streamId: string | undefined;

  constructor(code: string, message: string, context: FailureContext, cause: unknown) {
    super(code, message, { cause });
    this.operation = context.operation;
    this.streamId = context.streamId;
  }
}

/** The server could not be reached, or dropped the connection. Retrying later may work. */
export class EventStoreDBUnavailableError extends EventStoreDBError {
  constructor(context: FailureContext, cause: unknown) {
    super(
      'EVENTSTOREDB_UNAVAILABLE',
      `EventStoreDB is unavailable: cannot ${where(context)}`,
      context,
      cause,
    );
  }
}

/** The credentials may not do this (the stream's ACL or the user's roles). */
export class EventStoreDBAccessDeniedError extends EventStoreDBError {
  constructor(context: FailureContext, cause: unknown) {
    super(
      'EVENTSTOREDB_ACCESS_DENIED',
      `EventStoreDB denied access: cannot ${where(context)}`,
      context,
      cause,
    );
  }
}

/** The call did not finish before its deadline (the client's `defaultDeadline`, 10 s by default). */
export class EventStoreDBDeadlineError extends EventStoreDBError {
  constructor(context: FailureContext, cause: unknown) {
    super(
      'EVENTSTOREDB_DEADLINE_EXCEEDED',
      `EventStoreDB did not answer in time: ${where(context)}`,
      context,
      cause,
    );
  }
}

/** The server answered "not found" for something other than a missing stream. */
export class EventStoreDBNotFoundError extends EventStoreDBError {
  constructor(context: FailureContext, cause: unknown) {
    super('EVENTSTOREDB_NOT_FOUND', `EventStoreDB found nothing: cannot ${where(context)}`, context, cause);
  }
}

/** The stream was tombstoned (hard-deleted): its name can never be written or read again. */
export class StreamDeletedError extends EventStoreDBError {
  constructor(context: FailureContext & { readonly streamId: string }, cause: unknown) {
    super(
      'STREAM_DELETED',
      `Stream '${context.streamId}' is deleted (tombstoned): cannot ${context.operation} it`,
      context,
      cause,
    );
  }
}

/** One append carried more bytes than the server's `MaxAppendSize` allows; nothing was written. */
export class EventStoreDBAppendTooLargeError extends EventStoreDBError {
  readonly maxAppendSize: number;

  constructor(context: FailureContext, maxAppendSize: number, cause: unknown) {
    super(
      'EVENTSTOREDB_APPEND_TOO_LARGE',
      `EventStoreDB refused the append: more than its maximum append size of ${maxAppendSize} bytes (${where(context)})`,
      context,
      cause,
    );
    this.maxAppendSize = maxAppendSize;
  }
}

/** The adapter was given neither a client nor a connection string it can use. */
export class EventStoreDBConfigurationError extends StrataError {
  constructor(message: string) {
    super('EVENTSTOREDB_CONFIGURATION', message);
  }
}
