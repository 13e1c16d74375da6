import type { Metadata, RecordedEvent } from '@strata/core';
import type { RecordedError } from './saga-events.js';

export type SagaStatusName =
  | 'running'
  | 'waiting'
  | 'compensating'
  | 'completed'
  | 'compensated'
  | 'failed'
  | 'cancelled'
  | 'compensation_failed';

export type StepStatusName =
  | 'pending'
  | 'running'
  | 'waiting'
  | 'completed'
  | 'failed'
  | 'compensating'
  | 'compensated'
  | 'compensation_failed';

/** The statuses after which nothing runs again. `compensation_failed` is not one: `retry` resumes it. */
export const TERMINAL: ReadonlySet<SagaStatusName> = new Set([
  'completed',
  'compensated',
  'failed',
  'cancelled',
]);

export interface StepState {
  readonly name: string;
  status: StepStatusName;
  /** Run attempts started (the highest attempt number recorded). */
  attempts: number;
  /** Run attempts that failed (or timed out). */
  failures: number;
  compensationAttempts: number;
  compensationFailures: number;
  /** Compensation failures that `retry` forgave: the budget restarts from here. */
  forgivenFailures: number;
  output?: unknown;
  error?: RecordedError;
  /** ISO time before which the next attempt (run or compensate) must not start. */
  retryAt?: string;
  /** ISO deadline of a waiting `waitFor` step. */
  deadline?: string;
  /** Position of the event a `waitFor` step consumed. */
  eventPosition?: bigint;
}

export interface SagaFailure {
  readonly cause: 'failed' | 'cancelled';
  readonly step?: string;
  readonly error?: RecordedError;
  readonly reason?: string;
}

/** A saga instance, folded from its stream. */
export interface SagaState {
  readonly streamId: string;
  sagaId: string;
  status: SagaStatusName;
  /** The stream's last revision: the expected revision of the next append. */
  revision: bigint;
  input: unknown;
  startedBy: { eventId: string; type: string; streamId: string; position: bigint };
  /** Correlation/causation for whatever the steps cause. */
  metadata: Metadata;
  steps: StepState[];
  /** Step names in the order their completion was recorded. */
  completionOrder: string[];
  failure?: SagaFailure;
  deadLetter?: { step: string; error: RecordedError };
  startedAt: Date;
  updatedAt: Date;
}

type Data = Record<string, unknown>;

export function initialState(streamId: string, stepNames: readonly string[]): SagaState {
  return {
    streamId,
    sagaId: '',
    status: 'running',
    revision: -1n,
    input: undefined,
    startedBy: { eventId: '', type: '', streamId: '', position: -1n },
    metadata: {},
    steps: stepNames.map((name) => ({
      name,
      status: 'pending',
      attempts: 0,
      failures: 0,
      compensationAttempts: 0,
      compensationFailures: 0,
      forgivenFailures: 0,
    })),
    completionOrder: [],
    startedAt: new Date(0),
    updatedAt: new Date(0),
  };
}

/** Applies one recorded saga event to the state (in place: the state is the driver's own). */
export function applySagaEvent(state: SagaState, event: RecordedEvent): void {
  const data = (event.data ?? {}) as Data;
  state.revision = event.revision;
  state.updatedAt = event.recordedAt;
  const step = typeof data.step === 'string' ? state.steps.find((s) => s.name === data.step) : undefined;
  const attempt = typeof data.attempt === 'number' ? data.attempt : 0;
  switch (event.type) {
    case 'saga.started': {
      const by = data.startedBy as { eventId: string; type: string; streamId: string; position: string };
      state.sagaId = String(data.sagaId);
      state.input = data.input;
      state.startedBy = { ...by, position: BigInt(by.position) };
      state.metadata = event.metadata;
      state.startedAt = event.recordedAt;
      state.status = 'running';
      return;
    }
    case 'saga.step.started':
      if (!step) return;
      step.status = 'running';
      step.attempts = Math.max(step.attempts, attempt);
      delete step.retryAt;
      return;
    case 'saga.step.completed':
      if (!step) return;
      step.status = 'completed';
      step.attempts = Math.max(step.attempts, attempt);
      step.output = data.output;
      if (typeof data.eventPosition === 'string') step.eventPosition = BigInt(data.eventPosition);
      delete step.deadline;
      delete step.retryAt;
      state.completionOrder.push(step.name);
      state.status = 'running';
      return;
    case 'saga.step.failed':
      if (!step) return;
      step.status = 'failed';
      step.attempts = Math.max(step.attempts, attempt);
      step.failures = Math.max(step.failures, attempt);
      step.error = data.error as RecordedError;
      if (typeof data.retryAt === 'string') step.retryAt = data.retryAt;
      else delete step.retryAt;
      delete step.deadline;
      return;
    case 'saga.step.waiting':
      if (!step) return;
      step.status = 'waiting';
      step.deadline = String(data.deadline);
      state.status = 'waiting';
      return;
    case 'saga.compensation.started': {
      state.status = 'compensating';
      const failure: SagaFailure = {
        cause: data.cause === 'cancelled' ? 'cancelled' : 'failed',
        ...(typeof data.step === 'string' ? { step: data.step } : {}),
        ...(data.error ? { error: data.error as RecordedError } : {}),
        ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
      };
      state.failure = failure;
      return;
    }
    case 'saga.step.compensating':
      if (!step) return;
      step.status = 'compensating';
      step.compensationAttempts = Math.max(step.compensationAttempts, attempt);
      delete step.retryAt;
      return;
    case 'saga.step.compensated':
      if (!step) return;
      step.status = 'compensated';
      delete step.retryAt;
      return;
    case 'saga.step.compensation_failed':
      if (!step) return;
      step.status = 'compensation_failed';
      step.compensationFailures = Math.max(step.compensationFailures, attempt);
      step.error = data.error as RecordedError;
      if (typeof data.retryAt === 'string') step.retryAt = data.retryAt;
      else delete step.retryAt;
      return;
    case 'saga.compensation_failed':
      state.status = 'compensation_failed';
      state.deadLetter = { step: String(data.step), error: data.error as RecordedError };
      return;
    case 'saga.compensation.retried':
      state.status = 'compensating';
      for (const s of state.steps) {
        s.forgivenFailures = s.compensationFailures;
        delete s.retryAt;
      }
      delete state.deadLetter;
      return;
    case 'saga.completed':
      state.status = 'completed';
      return;
    case 'saga.compensated':
      state.status = 'compensated';
      return;
    case 'saga.failed':
      state.status = 'failed';
      return;
    case 'saga.cancelled':
      state.status = 'cancelled';
      return;
    default:
      return;
  }
}
