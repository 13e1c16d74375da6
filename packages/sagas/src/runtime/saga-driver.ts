import {
  backoffDelay,
  ConcurrencyError,
  isRetryable,
  type Clock,
  type EventStore,
  type NewEvent,
  type Random,
  type RecordedEvent,
} from '@strata/core';
import { isWaitStep, type SagaDefinition } from '../definition/define-saga.js';
import type { RetryPolicy, RunStep, SagaHooks, StepContext, WaitStep } from '../definition/saga-types.js';
import { SagaStepTimeoutError } from '../errors/saga-step-timeout-error.js';
import {
  SagaCancelled,
  SagaCompensated,
  SagaCompensationFailed,
  SagaCompensationStarted,
  SagaCompleted,
  SagaFailed,
  SagaStepCompensated,
  SagaStepCompensating,
  SagaStepCompensationFailed,
  SagaStepCompleted,
  SagaStepFailed,
  SagaStepStarted,
  SagaStepWaiting,
  toRecordedError,
  type RecordedError,
} from '../stream/saga-events.js';
import { applySagaEvent, TERMINAL, type SagaState, type StepState } from '../stream/saga-state.js';
import { findAwaitedEvent } from './awaited-event.js';
import { runAttempt, type AttemptOutcome } from './run-attempt.js';
import { safely } from './safely.js';
import type { Sleep } from '@strata/core';

export interface DriverEnv {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly random: Random;
  readonly sleep: Sleep;
  readonly hooks: SagaHooks;
  /** Aborted when the orchestrator stops. */
  readonly stop: AbortSignal;
  /** Resolves when an event of `type` is routed to this saga (the driver then scans the store). */
  awaitEvent(streamId: string, type: string, signal: AbortSignal): Promise<void>;
  /** False while the driver is parked on a `waitFor`: what `idle()` counts. */
  setBusy(streamId: string, busy: boolean): void;
}

/** Another process appended to the saga stream first: this driver backs off. */
class Superseded extends Error {}

const never = new AbortController().signal;

/** Drives one saga instance from its folded state to a terminal status or `compensation_failed`. */
export class SagaDriver {
  readonly #definition: SagaDefinition<never>;
  readonly #env: DriverEnv;
  readonly #state: SagaState;
  readonly #cancel = new AbortController();
  #cancelReason: string | undefined;

  constructor(definition: SagaDefinition<never>, state: SagaState, env: DriverEnv) {
    this.#definition = definition;
    this.#state = state;
    this.#env = env;
  }

  get state(): SagaState {
    return this.#state;
  }

  /** Asks a running or waiting saga to stop and compensate; the attempt in flight sees its signal fire. */
  requestCancel(reason: string): void {
    this.#cancelReason ??= reason;
    this.#cancel.abort(new Error(`saga cancelled: ${reason}`));
  }

  /** Resolves when the saga is terminal, dead-lettered, superseded or the orchestrator stopped. */
  async drive(): Promise<void> {
    try {
      while (await this.#advance());
    } catch (error) {
      if (!(error instanceof Superseded)) throw error;
    }
  }

  /** One transition; false when there is nothing more this driver should do. */
  async #advance(): Promise<boolean> {
    const state = this.#state;
    if (this.#env.stop.aborted || TERMINAL.has(state.status) || state.status === 'compensation_failed')
      return false;
    if (state.status === 'compensating') return this.#compensateNext();
    if (this.#cancelReason !== undefined) {
      await this.#append([
        SagaCompensationStarted.create({ cause: 'cancelled', reason: this.#cancelReason }),
      ]);
      return true;
    }
    const index = state.steps.findIndex((step) => step.status !== 'completed');
    const step = this.#definition.steps[index];
    if (index === -1 || !step) {
      await this.#end('completed');
      return false;
    }
    return isWaitStep(step)
      ? this.#waitFor(step, state.steps[index]!)
      : this.#runStep(step, state.steps[index]!);
  }

  #policy(step: RunStep<never, unknown>): RetryPolicy {
    return { ...this.#definition.retry, ...step.retry };
  }

  #context(step: string, attempt: number, signal: AbortSignal): StepContext<never> {
    const state = this.#state;
    const results: Record<string, unknown> = {};
    for (const s of state.steps) if (s.status !== 'pending' && 'output' in s) results[s.name] = s.output;
    return {
      saga: this.#definition.name,
      sagaId: state.sagaId,
      step,
      input: state.input as never,
      results,
      idempotencyKey: `${state.streamId}/${step}`,
      signal,
      metadata: state.metadata,
      attempt,
    };
  }

  /** Waits until a recorded `retryAt`; false when the orchestrator stopped meanwhile. */
  async #waitUntil(iso: string | undefined, signal: AbortSignal): Promise<boolean> {
    if (iso === undefined) return true;
    const until = Date.parse(iso);
    // A sleep may end early (a timer's limit, the signal): wait again for what is left.
    for (let ms = until - this.#env.clock.now().getTime(); ms > 0 && !signal.aborted;) {
      await this.#env.sleep(ms, signal);
      ms = until - this.#env.clock.now().getTime();
    }
    return !this.#env.stop.aborted;
  }

  #attempt(work: (signal: AbortSignal) => unknown, step: string, timeoutMs: number, cancellable: boolean) {
    return runAttempt(work, {
      timeoutMs,
      stop: this.#env.stop,
      cancel: cancellable ? this.#cancel.signal : never,
      sleep: this.#env.sleep,
      clock: this.#env.clock,
      timeoutError: () => new SagaStepTimeoutError(step, timeoutMs),
    });
  }

  async #runStep(step: RunStep<never, unknown>, stepState: StepState): Promise<boolean> {
    const either = AbortSignal.any([this.#env.stop, this.#cancel.signal]);
    if (!(await this.#waitUntil(stepState.retryAt, either))) return false;
    if (this.#cancelReason !== undefined) return true;
    const policy = this.#policy(step);
    const timeoutMs = step.timeoutMs ?? this.#definition.timeoutMs;
    const attempt = stepState.failures + 1;
    await this.#append([SagaStepStarted.create({ step: step.name, attempt })]);
    let outcome = await this.#attempt(
      (signal) => step.run(this.#context(step.name, attempt, signal)),
      step.name,
      timeoutMs,
      true,
    );
    if (outcome.kind === 'stopped') return false;
    let output: unknown;
    if (outcome.kind === 'ok') {
      try {
        // The output is recorded, so it must survive JSON: check here, fail the attempt if not.
        output = outcome.value === undefined ? undefined : JSON.parse(JSON.stringify(outcome.value));
      } catch (error) {
        outcome = { kind: 'error', error, durationMs: outcome.durationMs };
      }
    }
    this.#stepHook(step.name, 'run', attempt, outcome);
    if (outcome.kind === 'ok') {
      await this.#append([
        SagaStepCompleted.create({
          step: step.name,
          attempt,
          ...(output !== undefined ? { output } : {}),
        }),
      ]);
      return true;
    }
    const error = this.#errorOf(outcome, step.name, timeoutMs);
    const timedOut = outcome.kind === 'timeout';
    // A domain refusal (or an error marked non-retryable) comes back the same: compensate at once.
    const retryable = timedOut || isRetryable(outcome.kind === 'error' ? outcome.error : undefined);
    if (retryable && attempt < policy.maxAttempts && this.#cancelReason === undefined) {
      const delay = backoffDelay(policy, attempt, this.#env.random);
      const retryAt = new Date(this.#env.clock.now().getTime() + delay).toISOString();
      await this.#append([SagaStepFailed.create({ step: step.name, attempt, error, timedOut, retryAt })]);
      return true;
    }
    await this.#append([
      SagaStepFailed.create({ step: step.name, attempt, error, timedOut }),
      this.#cancelReason !== undefined
        ? SagaCompensationStarted.create({ cause: 'cancelled', reason: this.#cancelReason })
        : SagaCompensationStarted.create({ cause: 'failed', step: step.name, error }),
    ]);
    return true;
  }

  async #waitFor(step: WaitStep, stepState: StepState): Promise<boolean> {
    const { clock } = this.#env;
    if (stepState.deadline === undefined) {
      const deadline = new Date(clock.now().getTime() + step.timeoutMs).toISOString();
      await this.#append([SagaStepWaiting.create({ step: step.name, deadline })]);
    }
    const deadline = Date.parse(stepState.deadline!);
    const previous = this.#state.steps
      .map((s) => s.eventPosition)
      .filter((p): p is bigint => p !== undefined)
      .reduce((a, b) => (a > b ? a : b), this.#state.startedBy.position);
    for (;;) {
      // Listen before scanning, so an event routed during the scan is not missed.
      const listening = new AbortController();
      const woken = this.#env.awaitEvent(this.#state.streamId, step.waitFor.type, listening.signal);
      try {
        const event = await findAwaitedEvent(
          this.#env.store,
          step,
          this.#definition,
          this.#state,
          previous + 1n,
        );
        if (event && event.recordedAt.getTime() <= deadline) {
          await this.#append([
            SagaStepCompleted.create({
              step: step.name,
              attempt: 1,
              output: event.data,
              eventPosition: event.position.toString(),
            }),
          ]);
          return true;
        }
        const remaining = deadline - clock.now().getTime();
        if (event || remaining <= 0) return this.#waitTimedOut(step);
        if (this.#cancelReason !== undefined) return true;
        const wake = AbortSignal.any([this.#env.stop, this.#cancel.signal, listening.signal]);
        this.#env.setBusy(this.#state.streamId, false);
        try {
          await Promise.race([woken, this.#env.sleep(remaining, wake)]);
        } finally {
          this.#env.setBusy(this.#state.streamId, true);
        }
        if (this.#env.stop.aborted) return false;
        if (this.#cancelReason !== undefined) return true;
      } finally {
        listening.abort();
      }
    }
  }

  async #waitTimedOut(step: WaitStep): Promise<boolean> {
    const error = toRecordedError(new SagaStepTimeoutError(step.name, step.timeoutMs, 'wait'));
    await this.#append([
      SagaStepFailed.create({ step: step.name, attempt: 1, error, timedOut: true }),
      SagaCompensationStarted.create({ cause: 'failed', step: step.name, error }),
    ]);
    return true;
  }

  async #compensateNext(): Promise<boolean> {
    const state = this.#state;
    const definitions = new Map(this.#definition.steps.map((s) => [s.name, s]));
    const pending = [...state.completionOrder]
      .reverse()
      .map((name) => state.steps.find((s) => s.name === name)!)
      .filter((s) => {
        const definition = definitions.get(s.name);
        return definition && !isWaitStep(definition) && definition.compensate && s.status !== 'compensated';
      });
    const next = pending[0];
    if (!next) {
      const undone = state.steps.some((s) => s.status === 'compensated');
      await this.#end(state.failure?.cause === 'cancelled' ? 'cancelled' : undone ? 'compensated' : 'failed');
      return false;
    }
    const step = definitions.get(next.name) as RunStep<never, unknown>;
    if (!(await this.#waitUntil(next.retryAt, this.#env.stop))) return false;
    const policy = this.#policy(step);
    const timeoutMs = step.timeoutMs ?? this.#definition.timeoutMs;
    const attempt = next.compensationFailures + 1;
    await this.#append([SagaStepCompensating.create({ step: next.name, attempt })]);
    const outcome = await this.#attempt(
      (signal) =>
        step.compensate!({
          ...this.#context(next.name, attempt, signal),
          idempotencyKey: `${state.streamId}/${next.name}/compensate`,
          output: next.output,
        }),
      next.name,
      timeoutMs,
      false,
    );
    if (outcome.kind === 'stopped') return false;
    this.#stepHook(next.name, 'compensate', attempt, outcome);
    if (outcome.kind === 'ok') {
      await this.#append([SagaStepCompensated.create({ step: next.name, attempt })]);
      return true;
    }
    const error = this.#errorOf(outcome, next.name, timeoutMs);
    const timedOut = outcome.kind === 'timeout';
    const retryable = timedOut || isRetryable(outcome.kind === 'error' ? outcome.error : undefined);
    if (retryable && attempt - next.forgivenFailures < policy.maxAttempts) {
      const delay = backoffDelay(policy, attempt - next.forgivenFailures, this.#env.random);
      const retryAt = new Date(this.#env.clock.now().getTime() + delay).toISOString();
      await this.#append([
        SagaStepCompensationFailed.create({ step: next.name, attempt, error, timedOut, retryAt }),
      ]);
      return true;
    }
    await this.#append([
      SagaStepCompensationFailed.create({ step: next.name, attempt, error, timedOut }),
      SagaCompensationFailed.create({ step: next.name, error }),
    ]);
    this.#endHook('compensation_failed');
    return false;
  }

  #errorOf(outcome: AttemptOutcome, step: string, timeoutMs: number): RecordedError {
    if (outcome.kind === 'error') return toRecordedError(outcome.error);
    return toRecordedError(new SagaStepTimeoutError(step, timeoutMs));
  }

  async #end(status: 'completed' | 'compensated' | 'failed' | 'cancelled'): Promise<void> {
    const event = {
      completed: SagaCompleted,
      compensated: SagaCompensated,
      failed: SagaFailed,
      cancelled: SagaCancelled,
    }[status].create({});
    await this.#append([event]);
    this.#endHook(status);
  }

  #endHook(status: string): void {
    const state = this.#state;
    const durationMs = Math.max(0, this.#env.clock.now().getTime() - state.startedAt.getTime());
    safely(() =>
      this.#env.hooks.onSagaEnded?.({
        saga: this.#definition.name,
        sagaId: state.sagaId,
        status,
        durationMs,
      }),
    );
  }

  #stepHook(step: string, phase: 'run' | 'compensate', attempt: number, outcome: AttemptOutcome): void {
    if (outcome.kind === 'stopped') return;
    const result = outcome.kind === 'ok' ? 'completed' : outcome.kind === 'timeout' ? 'timed_out' : 'failed';
    safely(() =>
      this.#env.hooks.onStepAttempt?.({
        saga: this.#definition.name,
        sagaId: this.#state.sagaId,
        step,
        phase,
        attempt,
        outcome: result,
        durationMs: outcome.durationMs,
      }),
    );
  }

  /** Appends with the expected revision and folds the events into the state. */
  async #append(events: readonly NewEvent[]): Promise<void> {
    const state = this.#state;
    const withMetadata = events.map((event) => ({ ...event, metadata: state.metadata }));
    try {
      await this.#env.store.append(state.streamId, withMetadata, { expectedRevision: state.revision });
    } catch (error) {
      if (error instanceof ConcurrencyError) throw new Superseded();
      throw error;
    }
    const recordedAt = this.#env.clock.now();
    withMetadata.forEach((event) => {
      const recorded: RecordedEvent = {
        ...event,
        eventId: '',
        streamId: state.streamId,
        revision: state.revision + 1n,
        position: -1n,
        recordedAt,
      };
      applySagaEvent(state, recorded);
    });
  }
}
