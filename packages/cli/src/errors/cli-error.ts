import { StrataError } from '@strata/core';

/**
 * A failure the CLI reports as one line: what went wrong, where, and what to do. `exitCode` is
 * 2 for usage errors (bad arguments, bad config) and 1 for everything else.
 */
export class CliError extends StrataError {
  readonly exitCode: 1 | 2;
  readonly hint: string;

  constructor(
    code: string,
    message: string,
    hint: string,
    exitCode: 1 | 2 = 1,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.hint = hint;
    this.exitCode = exitCode;
  }
}
