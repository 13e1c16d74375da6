import { StrataError } from '@strata/core';

/** No instance of the saga with this correlation id (or no saga of this name in the orchestrator). */
export class SagaNotFoundError extends StrataError {
  readonly saga: string;
  readonly sagaId: string | undefined;

  constructor(saga: string, sagaId?: string) {
    super(
      'SAGA_NOT_FOUND',
      sagaId === undefined
        ? `The orchestrator runs no saga named '${saga}'`
        : `Saga '${saga}' has no instance '${sagaId}'`,
    );
    this.saga = saga;
    this.sagaId = sagaId;
  }
}
