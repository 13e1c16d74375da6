import type { RecordedError } from '../stream/saga-events.js';
import type { SagaFailure, SagaState, SagaStatusName, StepStatusName } from '../stream/saga-state.js';

export interface StepStatus {
  readonly name: string;
  readonly status: StepStatusName;
  /** Run attempts started. */
  readonly attempts: number;
  readonly compensationAttempts: number;
  /** The last error of a run or compensate attempt. */
  readonly error?: RecordedError;
  /** A waiting `waitFor` step's deadline. */
  readonly deadline?: Date;
}

/** What `get` and `list` report about one saga instance. */
export interface SagaStatus {
  readonly saga: string;
  readonly sagaId: string;
  readonly streamId: string;
  readonly status: SagaStatusName;
  /** The saga stream's last revision. */
  readonly revision: bigint;
  readonly input: unknown;
  readonly steps: readonly StepStatus[];
  /** Why the saga compensates: the failed step and its error, or the cancellation reason. */
  readonly failure?: SagaFailure;
  /** Set while `compensation_failed`: the compensation that kept failing. */
  readonly deadLetter?: { readonly step: string; readonly error: RecordedError };
  readonly startedAt: Date;
  readonly updatedAt: Date;
}

export function toStatus(saga: string, state: SagaState): SagaStatus {
  return {
    saga,
    sagaId: state.sagaId,
    streamId: state.streamId,
    status: state.status,
    revision: state.revision,
    input: state.input,
    steps: state.steps.map((step) => ({
      name: step.name,
      status: step.status,
      attempts: step.attempts,
      compensationAttempts: step.compensationAttempts,
      ...(step.error ? { error: step.error } : {}),
      ...(step.deadline !== undefined && step.status === 'waiting'
        ? { deadline: new Date(step.deadline) }
        : {}),
    })),
    ...(state.failure ? { failure: state.failure } : {}),
    ...(state.deadLetter ? { deadLetter: state.deadLetter } : {}),
    startedAt: state.startedAt,
    updatedAt: state.updatedAt,
  };
}
