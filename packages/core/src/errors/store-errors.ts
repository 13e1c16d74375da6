import { StrataError } from './strata-error.js';

/** `createEventStore` got a URL whose scheme no imported adapter registered. */
export class UnknownStoreSchemeError extends StrataError {
  readonly url: string;
  readonly registered: readonly string[];

  constructor(url: string, registered: readonly string[]) {
    super(
      'UNKNOWN_STORE_SCHEME',
      `No event store is registered for '${url}'. Registered schemes: ${registered.join(', ')}. ` +
        `Import the adapter package (e.g. '@strata/postgres') to register its schemes.`,
    );
    this.url = url;
    this.registered = registered;
  }
}

/** A call on a store after `close()`. */
export class StoreClosedError extends StrataError {
  constructor(operation: string) {
    super('STORE_CLOSED', `Cannot ${operation}: the event store is closed`);
  }
}

/** A stream id or tenant id that cannot be used (empty, or not of the form a view needs). */
export class InvalidStreamIdError extends StrataError {
  readonly streamId: string;

  constructor(streamId: string, reason: string) {
    super('INVALID_STREAM_ID', `Invalid stream id '${streamId}': ${reason}`);
    this.streamId = streamId;
  }
}

/** An option given to a Strata constructor or function is out of its range. */
export class InvalidOptionError extends StrataError {
  readonly option: string;
  readonly value: unknown;

  constructor(option: string, value: unknown, expected: string) {
    super('INVALID_OPTION', `Option '${option}' must be ${expected}, got ${String(value)}`);
    this.option = option;
    this.value = value;
  }
}
