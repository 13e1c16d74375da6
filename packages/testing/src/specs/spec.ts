import type { AnyEvent } from '@strata/core';
import {
  countEvents,
  describeError,
  describeEvent,
  describeEventDiff,
  sameEvents,
  toCompared,
  type ComparedEvent,
} from './event-diff.js';
import { formatValue } from './format-value.js';
import type { AnyAggregate } from './history.js';
import { SpecAssertionError } from './spec-assertion-error.js';

/** An error class `thenThrows` can expect (abstract classes too). */
export type ErrorClass<E extends Error = Error> = abstract new (...args: never[]) => E;

/** What running `when` on the aggregate built from history gave. */
export interface SpecOutcome<A extends AnyAggregate> {
  readonly aggregate: A;
  /** The events the command raised (the history is not among them). */
  readonly raised: readonly AnyEvent[];
  readonly threw: boolean;
  readonly error: unknown;
}

/**
 * The assertions of a given/when spec. Each one runs the spec afresh (history, then `when`)
 * and returns a promise: await it. Awaiting the spec itself is refused, since that would
 * assert nothing.
 */
export class Spec<A extends AnyAggregate> {
  readonly #run: () => Promise<SpecOutcome<A>>;

  constructor(run: () => Promise<SpecOutcome<A>>) {
    this.#run = run;
  }

  /** Expects exactly these events (type and data, in order); `[]` means nothing raised. */
  then(expected: readonly ComparedEvent[]): Promise<void> {
    if (typeof expected === 'function') {
      // `await spec` calls then(resolve, reject): answer with a clear rejection, not a pass.
      // eslint-disable-next-line prefer-rest-params
      const reject: unknown = arguments[1];
      const error = new SpecAssertionError(
        'A spec asserts nothing by itself: end it with .then([...events]), .thenThrows(codeOrClass) or .thenState(fn), and await that',
      );
      if (typeof reject === 'function') (reject as (reason: unknown) => void)(error);
      return Promise.resolve();
    }
    return this.#then(expected);
  }

  async #then(expected: readonly ComparedEvent[]): Promise<void> {
    const want = expected.map(toCompared);
    const outcome = await this.#run();
    if (outcome.threw) {
      throw new SpecAssertionError(
        `Expected the command to raise ${countEvents(want.length)}, but it threw ${describeError(outcome.error)}` +
          (want.length > 0
            ? `\nexpected:\n${want.map((e, i) => `  [${i}] ${describeEvent(e)}`).join('\n')}`
            : ''),
        { cause: outcome.error },
      );
    }
    const got = outcome.raised.map(toCompared);
    if (!sameEvents(want, got)) {
      throw new SpecAssertionError(
        `The raised events differ from the expected ones (expected ${countEvents(want.length)}, got ${got.length}):\n` +
          describeEventDiff(want, got),
        { expected: want, actual: got },
      );
    }
  }

  /** Expects the command to throw: an error with this `code`, or an instance of this class. */
  thenThrows<E extends Error>(expected: ErrorClass<E>): Promise<E>;
  thenThrows(expected: string): Promise<Error>;
  async thenThrows(expected: string | ErrorClass): Promise<Error> {
    const wanted =
      typeof expected === 'string' ? expected : `an instance of ${expected.name || 'the given class'}`;
    const outcome = await this.#run();
    if (!outcome.threw) {
      const raised = outcome.raised.map(toCompared);
      throw new SpecAssertionError(
        `Expected the command to throw ${wanted}, but nothing was thrown; it raised ${countEvents(raised.length)}` +
          (raised.length > 0 ? `:\n${raised.map((e, i) => `  [${i}] ${describeEvent(e)}`).join('\n')}` : ''),
      );
    }
    const error = outcome.error;
    const code = (error as { code?: unknown } | null)?.code;
    const matches = typeof expected === 'string' ? code === expected : error instanceof expected;
    if (!matches) {
      const actual =
        typeof expected === 'string'
          ? typeof code === 'string'
            ? code
            : `(no code) ${describeError(error)}`
          : error instanceof Error
            ? error.name
            : formatValue(error);
      throw new SpecAssertionError(
        `Expected the command to throw ${wanted}, but it threw ${describeError(error)}`,
        { expected: typeof expected === 'string' ? expected : expected.name, actual, cause: error },
      );
    }
    return error as Error;
  }

  /**
   * Expects the command to succeed and hands the resulting state to `assert` (use `expect`
   * inside it, or return a boolean: `false` fails the spec).
   */
  async thenState(assert: (state: A['state']) => boolean | void | Promise<boolean | void>): Promise<void> {
    const outcome = await this.#run();
    if (outcome.threw) {
      throw new SpecAssertionError(
        `Expected the command to succeed, but it threw ${describeError(outcome.error)}`,
        { cause: outcome.error },
      );
    }
    const state = outcome.aggregate.state;
    if ((await assert(state)) === false) {
      throw new SpecAssertionError(`The state assertion returned false for the state ${formatValue(state)}`);
    }
  }
}
