import { StrataError } from '@strata/core';

/** A step attempt (run or compensate) that outlived its timeout, or a `waitFor` whose deadline passed. */
export class SagaStepTimeoutError extends StrataError {
  readonly step: string;
  readonly timeoutMs: number;

  constructor(step: string, timeoutMs: number, what: 'attempt' | 'wait' = 'attempt') {
    super(
      'SAGA_STEP_TIMEOUT',
      what === 'attempt'
        ? `Step '${step}' did not finish within its ${timeoutMs} ms attempt timeout`
        : `Step '${step}' received no correlated event within ${timeoutMs} ms`,
    );
    this.step = step;
    this.timeoutMs = timeoutMs;
  }
}
