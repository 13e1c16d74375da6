import { defineEvent, defineEvents, type EventOf } from '@strata/core';
import { z } from 'zod';

// The events of a saga instance's own stream. A store created with `events` must be given
// `SagaEvents` too, or it rejects them as unknown types.

const error = z.object({ name: z.string(), message: z.string(), code: z.string().optional() });
export type RecordedError = z.output<typeof error>;

const step = { step: z.string(), attempt: z.number().int().positive() };

export const SagaStarted = defineEvent(
  'saga.started',
  z.object({
    saga: z.string(),
    sagaId: z.string(),
    input: z.unknown(),
    /** The starting event; `position` is a decimal string (JSON has no bigint). */
    startedBy: z.object({
      eventId: z.string(),
      type: z.string(),
      streamId: z.string(),
      position: z.string(),
    }),
  }),
);
export const SagaStepStarted = defineEvent('saga.step.started', z.object(step));
export const SagaStepCompleted = defineEvent(
  'saga.step.completed',
  z.object({
    ...step,
    output: z.unknown().optional(),
    /** For a `waitFor` step: the position of the awaited event (decimal string). */
    eventPosition: z.string().optional(),
  }),
);
export const SagaStepFailed = defineEvent(
  'saga.step.failed',
  z.object({
    ...step,
    error,
    timedOut: z.boolean(),
    /** When the next attempt may start (ISO time); absent when no attempt is left. */
    retryAt: z.string().optional(),
  }),
);
export const SagaStepWaiting = defineEvent(
  'saga.step.waiting',
  z.object({ step: z.string(), deadline: z.string() }),
);
export const SagaCompensationStarted = defineEvent(
  'saga.compensation.started',
  z.object({
    cause: z.enum(['failed', 'cancelled']),
    step: z.string().optional(),
    error: error.optional(),
    reason: z.string().optional(),
  }),
);
export const SagaStepCompensating = defineEvent('saga.step.compensating', z.object(step));
export const SagaStepCompensated = defineEvent('saga.step.compensated', z.object(step));
export const SagaStepCompensationFailed = defineEvent(
  'saga.step.compensation_failed',
  z.object({ ...step, error, timedOut: z.boolean(), retryAt: z.string().optional() }),
);
/** The dead letter: a compensation that failed after its retries. */
export const SagaCompensationFailed = defineEvent(
  'saga.compensation_failed',
  z.object({ step: z.string(), error }),
);
export const SagaCompensationRetried = defineEvent('saga.compensation.retried', z.object({}));
export const SagaCompleted = defineEvent('saga.completed', z.object({}));
export const SagaCompensated = defineEvent('saga.compensated', z.object({}));
export const SagaFailed = defineEvent('saga.failed', z.object({}));
export const SagaCancelled = defineEvent('saga.cancelled', z.object({}));

/** Every event type a saga stream holds. */
export const SagaEvents = defineEvents(
  SagaStarted,
  SagaStepStarted,
  SagaStepCompleted,
  SagaStepFailed,
  SagaStepWaiting,
  SagaCompensationStarted,
  SagaStepCompensating,
  SagaStepCompensated,
  SagaStepCompensationFailed,
  SagaCompensationFailed,
  SagaCompensationRetried,
  SagaCompleted,
  SagaCompensated,
  SagaFailed,
  SagaCancelled,
);
export type SagaEvent = EventOf<typeof SagaEvents>;

export function toRecordedError(cause: unknown): RecordedError {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return {
      name: cause.name,
      message: cause.message,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'Error', message: String(cause) };
}
