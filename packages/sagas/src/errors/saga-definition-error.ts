import { StrataError } from '@strata/core';

/** A saga definition that cannot run: a bad name, no steps, a duplicate step, a bad policy. */
export class SagaDefinitionError extends StrataError {
  readonly saga: string;
  readonly problem: string;

  constructor(saga: string, problem: string) {
    super('SAGA_DEFINITION', `Saga '${saga}' is not valid: ${problem}`);
    this.saga = saga;
    this.problem = problem;
  }
}
