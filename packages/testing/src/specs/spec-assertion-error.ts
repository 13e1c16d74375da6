import { StrataError } from '@strata/core';

/**
 * A given/when/then expectation that did not hold. `expected` and `actual` are set where
 * there is something to compare, so test runners (vitest, jest) print a diff of them.
 */
export class SpecAssertionError extends StrataError {
  readonly expected: unknown;
  readonly actual: unknown;
  /** Tells vitest/chai-style reporters to print the diff of `expected` and `actual`. */
  readonly showDiff: boolean;

  constructor(message: string, facts: { expected?: unknown; actual?: unknown; cause?: unknown } = {}) {
    super('SPEC_FAILED', message, 'cause' in facts ? { cause: facts.cause } : undefined);
    this.expected = facts.expected;
    this.actual = facts.actual;
    this.showDiff = 'expected' in facts && 'actual' in facts;
  }
}
