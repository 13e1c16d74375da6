import type { EventDefinition, Metadata, RecordedEvent, RetryPolicy } from '@strata/core';
import type { z } from 'zod';

/** Core's policy: exponential backoff with full jitter, attempt n waits up to min(max, initial · 2^(n-1)). */
export type { RetryPolicy };

/** The data type of the events an event definition describes. */
export type DataOf<D> = D extends EventDefinition<string, infer S> ? z.output<S> : never;

/** What a step's `run` receives. */
export interface StepContext<I> {
  readonly saga: string;
  /** The correlation id: one saga instance per id. */
  readonly sagaId: string;
  readonly step: string;
  /** The starting event's data. */
  readonly input: I;
  /** The outputs of the steps completed so far, by step name (a `waitFor` step's is the event's data). */
  readonly results: Readonly<Record<string, unknown>>;
  /** `<saga stream>/<step>`: the same on every attempt and after a restart. Pass it to the service. */
  readonly idempotencyKey: string;
  /** Fired when the attempt times out, when the saga is cancelled and when the orchestrator stops. */
  readonly signal: AbortSignal;
  /** Correlation and causation for the events this step causes (the starting event is the cause). */
  readonly metadata: Metadata;
  /** 1 on the first attempt. */
  readonly attempt: number;
}

/** What a step's `compensate` receives: its own `output` besides everything `run` had. */
export interface CompensateContext<I, O> extends StepContext<I> {
  /** The output recorded when the step completed (after a JSON round trip through the saga stream). */
  readonly output: O;
  /** `<saga stream>/<step>/compensate`: stable like the run's key, distinct from it. */
  readonly idempotencyKey: string;
}

/** A step that calls something: `run`, and `compensate` where the effect can be undone. */
export interface RunStep<I, O> {
  readonly name: string;
  /** Its result must be JSON (it is recorded in the saga stream); undefined is fine. */
  readonly run: (ctx: StepContext<I>) => Promise<O> | O;
  readonly compensate?: (ctx: CompensateContext<I, O>) => Promise<unknown>;
  /** Overrides the saga's policy for this step's run and compensate. */
  readonly retry?: Partial<RetryPolicy>;
  /** Overrides the saga's per-attempt timeout for this step. */
  readonly timeoutMs?: number;
}

/** A step that waits for a correlated event, with a durable deadline. */
export interface WaitStep<D extends EventDefinition = EventDefinition> {
  readonly name: string;
  readonly waitFor: D;
  /** From the moment the step starts waiting; the deadline is recorded, so it survives restarts. */
  readonly timeoutMs: number;
  /**
   * The correlation id an awaited event belongs to. Default: the saga's `correlate` applied to
   * it; an event whose `metadata.correlationId` is the saga's correlation id matches too.
   */
  readonly correlate?: (event: RecordedEvent<D['type'], DataOf<D>>) => string | undefined;
}

export type SagaStep<I, O = unknown> = RunStep<I, O> | WaitStep;

/**
 * One element of `defineSaga`'s `steps`: a run step (`run`, optional `compensate`) or a wait
 * step (`waitFor`, `timeoutMs`). One object type rather than a union so TypeScript infers each
 * step's output `O` from its `run` (or its awaited event) and types `compensate`'s `ctx.output`.
 */
export interface StepSpec<I, O> {
  readonly name: string;
  readonly run?: (ctx: StepContext<I>) => Promise<O> | O;
  readonly compensate?: (ctx: CompensateContext<I, O>) => Promise<unknown>;
  readonly retry?: Partial<RetryPolicy>;
  /** A run step: per attempt. A wait step: how long to wait for the event (required). */
  readonly timeoutMs?: number;
  readonly waitFor?: EventDefinition<string, z.ZodType<O>>;
  readonly correlate?: (event: RecordedEvent<string, O>) => string | undefined;
}

/** Hooks for metrics and tracing (the OpenTelemetry wiring plugs in here). Errors they throw are ignored. */
export interface SagaHooks {
  onSagaStarted?(event: { readonly saga: string; readonly sagaId: string }): void;
  /** Terminal statuses and `compensation_failed`; `durationMs` by the orchestrator's clock since start. */
  onSagaEnded?(event: {
    readonly saga: string;
    readonly sagaId: string;
    readonly status: string;
    readonly durationMs: number;
  }): void;
  onStepAttempt?(event: {
    readonly saga: string;
    readonly sagaId: string;
    readonly step: string;
    readonly phase: 'run' | 'compensate';
    readonly attempt: number;
    readonly outcome: 'completed' | 'failed' | 'timed_out';
    readonly durationMs: number;
  }): void;
}
