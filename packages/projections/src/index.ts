export {
  defineProjection,
  projectionDefiner,
  type DefineProjection,
  type HandlersFor,
  type OnError,
  type Projection,
  type ProjectionHandler,
  type RetryPolicy,
  type TypedProjectionOptions,
  type UntypedProjectionOptions,
} from './definition/define-projection.js';
export { ProjectionRunner } from './runner/projection-runner.js';
export type { LeaseOptions, ProjectionRunnerOptions, RebuildOptions } from './runner/runner-options.js';
export type { ProjectionMetrics, ProjectionState, ProjectionStatus } from './runner/slot.js';
export type { RebuildProgress } from './runner/progress.js';
// Retry policies and backoff are core's; the name stays for existing imports.
export { backoffDelay } from '@strata/core';
export {
  MemoryReadModelTarget,
  type MemoryReadModelTargetOptions,
} from './target/memory-read-model-target.js';
export { MemoryLeases } from './target/memory-leases.js';
export type { Documents, ReadDocuments, Recipe } from './target/documents.js';
export {
  checkpointName,
  type BatchUnit,
  type BuildRecord,
  type DeadLetter,
  type LeaseClaim,
  type Leases,
  type ProjectionContext,
  type ReadModelTarget,
  type StoredError,
} from './target/read-model-target.js';
export {
  BuildRetiredError,
  DeadLetterNotFoundError,
  DocumentNotFoundError,
  LeaseLostError,
  ProjectionConfigError,
  ProjectionHandlerError,
  ProjectionNotFoundError,
} from './errors/projection-errors.js';
