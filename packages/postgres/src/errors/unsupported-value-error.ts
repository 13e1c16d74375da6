import { StrataError } from '@strata/core';

/**
 * A name PostgreSQL `text` cannot hold as given (a NUL character): checkpoint names, event
 * types, event ids. Stream ids get core's `InvalidStreamIdError` instead. Nothing was written.
 */
export class UnsupportedValueError extends StrataError {
  /** What the value is: `'checkpoint name'`, `'event type'`, … */
  readonly what: string;
  readonly value: string;

  constructor(what: string, value: string, reason: string) {
    super('POSTGRES_UNSUPPORTED_VALUE', `Unsupported ${what} ${JSON.stringify(value)}: ${reason}`);
    this.what = what;
    this.value = value;
  }
}
