import { StrataError } from '@strata/core';

/** An operation (cancel, retry) that the saga instance's current status does not allow. */
export class SagaStateError extends StrataError {
  readonly saga: string;
  readonly sagaId: string;
  readonly status: string;
  readonly operation: string;

  constructor(saga: string, sagaId: string, status: string, operation: string, allowed: string) {
    super(
      'SAGA_STATE',
      `Cannot ${operation} saga '${saga}' instance '${sagaId}': it is ${status}; ${operation} needs ${allowed}`,
    );
    this.saga = saga;
    this.sagaId = sagaId;
    this.status = status;
    this.operation = operation;
  }
}
