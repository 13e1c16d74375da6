import type { Projection } from '../definition/define-projection.js';
import type { ProjectionHandlerError } from '../errors/projection-errors.js';
import type { BuildRecord, LeaseClaim, ProjectionContext } from '../target/read-model-target.js';
import type { ProgressMeter, RebuildProgress } from './progress.js';

export type ProjectionState =
  /** Not run yet. */
  | 'idle'
  /** Reading and applying events. */
  | 'running'
  /** Caught up, waiting for new events (after `start()`). */
  | 'live'
  /** Another runner holds the lease; this one takes over when it lapses. */
  | 'standby'
  /** Stopped by `onError: 'stop'`; `error` says why, `resume(name)` tries again. */
  | 'failed'
  | 'stopped'
  /** A newer build serves reads; this runner no longer runs this version. */
  | 'retired';

/** One build a runner runs: the active one (serving reads) or one being built beside it. */
export interface Slot<Ctx extends ProjectionContext> {
  readonly projection: Projection<Ctx>;
  build: BuildRecord;
  readonly types: ReadonlySet<string>;
  readonly claim: LeaseClaim;
  /** The checkpoint: the last position finished, -1n before the first. */
  position: bigint;
  state: ProjectionState;
  leased: boolean;
  lastRenewal: number;
  deadLetters: number;
  error: ProjectionHandlerError | undefined;
  meter: ProgressMeter | undefined;
  onProgress: ((progress: RebuildProgress) => void) | undefined;
}

/** One row of `runner.status()`. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly generation: number;
  /** `active` serves reads; `building` is a rebuild beside it. */
  readonly role: 'active' | 'building';
  /** The checkpoint: the last position finished, -1n before the first. */
  readonly position: bigint;
  /** Positions between the checkpoint and the newest position the runner has seen. */
  readonly lag: bigint;
  readonly state: ProjectionState;
  readonly deadLetters: number;
  readonly error?: ProjectionHandlerError;
  readonly progress?: RebuildProgress;
}

/** Hooks for metrics (the OpenTelemetry wiring uses them); they must not throw. */
export interface ProjectionMetrics {
  /** After each committed batch of one build. */
  batchCommitted?(batch: {
    readonly projection: string;
    readonly version: number;
    readonly events: number;
    readonly position: bigint;
    readonly lag: bigint;
    readonly durationMs: number;
  }): void;
  /** An event was parked after its retries. */
  deadLettered?(letter: {
    readonly projection: string;
    readonly position: bigint;
    readonly error: Error;
  }): void;
  /** A projection stopped in state `failed` (`onError: 'stop'`). */
  failed?(projection: string, error: Error): void;
  /** The runner could not read or commit (the store or target is down); it retries. */
  runnerError?(error: unknown): void;
}

export function statusOf(slot: Slot<ProjectionContext>, head: bigint, now: number): ProjectionStatus {
  return {
    name: slot.projection.name,
    version: slot.build.version,
    generation: slot.build.generation,
    role: slot.build.state === 'building' ? 'building' : 'active',
    position: slot.position,
    lag: head > slot.position ? head - slot.position : 0n,
    state: slot.state,
    deadLetters: slot.deadLetters,
    ...(slot.error ? { error: slot.error } : {}),
    ...(slot.meter ? { progress: slot.meter.snapshot(now) } : {}),
  };
}

/** The row of a definition the runner does not run, because a newer version took over. */
export function retiredStatus(projection: { name: string; version: number }): ProjectionStatus {
  return {
    name: projection.name,
    version: projection.version,
    generation: 0,
    role: 'active',
    position: -1n,
    lag: 0n,
    state: 'retired',
    deadLetters: 0,
  };
}
