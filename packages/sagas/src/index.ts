export {
  defineSaga,
  sagaCategory,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type SagaDefinition,
  type SagaSpec,
} from './definition/define-saga.js';
export type {
  CompensateContext,
  DataOf,
  RetryPolicy,
  RunStep,
  SagaHooks,
  SagaStep,
  StepContext,
  WaitStep,
} from './definition/saga-types.js';
export {
  SagaOrchestrator,
  type SagaOrchestratorOptions,
  type SagaOrchestratorState,
} from './orchestrator/saga-orchestrator.js';
export type { SagaStatus, StepStatus } from './orchestrator/saga-status.js';
export type { SagaFailure, SagaStatusName, StepStatusName } from './stream/saga-state.js';
export { sagaStreamId } from './runtime/load-saga.js';
// Retry policies, backoff and sleeping are core's; these names stay for existing imports.
export { backoffDelay, timerSleep, type Sleep } from '@strata/core';
export {
  SagaEvents,
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
  type SagaEvent,
  type RecordedError,
} from './stream/saga-events.js';
export { SagaDefinitionError } from './errors/saga-definition-error.js';
export { SagaNotFoundError } from './errors/saga-not-found-error.js';
export { SagaStateError } from './errors/saga-state-error.js';
export { UnstartableEventError } from './errors/unstartable-event-error.js';
export { SagaStepTimeoutError } from './errors/saga-step-timeout-error.js';
