import {
  backoffDelay,
  isRetryable,
  type CheckpointStore,
  type Clock,
  type RecordedEvent,
} from '@strata/core';
import { LeaseLostError, ProjectionHandlerError } from '../errors/projection-errors.js';
import {
  buildKey,
  type BuildRecord,
  type DeadLetter,
  type LeaseClaim,
  type ProjectionContext,
  type ReadModelTarget,
  type StoredError,
} from '../target/read-model-target.js';
import type { ProjectionMetrics, Slot } from './slot.js';

/** What delivery needs from its runner. */
export interface Delivery<Ctx extends ProjectionContext> {
  readonly target: ReadModelTarget<Ctx>;
  readonly checkpoints: CheckpointStore;
  readonly clock: Clock;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly metrics: ProjectionMetrics;
  readonly useLeases: boolean;
  /** The leases are the target's own: it fences each batch's commit. */
  readonly fenced: boolean;
  /** Without the target's fencing: is the slot's last renewal still within the time-to-live? */
  leaseCurrent(slot: Slot<Ctx>): boolean;
  /** The newest position the runner has seen (for lag). */
  head(): bigint;
  stopping(): boolean;
}

/** The claim the target fences the commit with; or, with a foreign lease, a check of its renewal now. */
function fence<Ctx extends ProjectionContext>(
  runner: Delivery<Ctx>,
  slot: Slot<Ctx>,
): LeaseClaim | undefined {
  if (!runner.useLeases) return undefined;
  if (runner.fenced) return slot.claim;
  if (!runner.leaseCurrent(slot)) throw new LeaseLostError(slot.claim.key, slot.claim.owner);
  return undefined;
}

/** A handler threw on the event at `index` of the batch; the batch was rolled back. */
class HandlerFailed extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super('a handler failed');
  }
}

/**
 * Applies `events` to a slot and moves its checkpoint to `through`. A batch whose handler
 * throws is rolled back; the events before the failing one commit again on their own, the
 * failing one is retried alone with backoff, then dead-lettered or the slot stops.
 */
export async function deliver<Ctx extends ProjectionContext>(
  runner: Delivery<Ctx>,
  slot: Slot<Ctx>,
  events: readonly RecordedEvent[],
  through: bigint,
): Promise<void> {
  let rest = events;
  for (;;) {
    try {
      await commit(runner, slot, rest, through);
      return;
    } catch (error) {
      if (!(error instanceof HandlerFailed)) throw error;
      const failing = rest[error.index] as RecordedEvent;
      if (error.index > 0) await commit(runner, slot, rest.slice(0, error.index), failing.position - 1n);
      const outcome = await retry(runner, slot, failing, error.cause);
      if (outcome === 'stopped' || outcome === 'abandoned') return;
      rest = rest.slice(error.index + 1);
    }
  }
}

async function commit<Ctx extends ProjectionContext>(
  runner: Delivery<Ctx>,
  slot: Slot<Ctx>,
  events: readonly RecordedEvent[],
  through: bigint,
): Promise<void> {
  const started = runner.clock.now().getTime();
  await runner.target.batch(
    slot.build,
    runner.checkpoints,
    async (unit) => {
      for (const [index, event] of events.entries()) {
        try {
          await slot.projection.handle(event, unit.context);
        } catch (cause) {
          throw new HandlerFailed(index, cause);
        }
      }
      unit.saveCheckpoint(through);
    },
    fence(runner, slot),
  );
  slot.position = through;
  slot.meter?.add(events.length);
  const lag = runner.head() > through ? runner.head() - through : 0n;
  runner.metrics.batchCommitted?.({
    projection: slot.projection.name,
    version: slot.projection.version,
    events: events.length,
    position: through,
    lag,
    durationMs: runner.clock.now().getTime() - started,
  });
}

async function retry<Ctx extends ProjectionContext>(
  runner: Delivery<Ctx>,
  slot: Slot<Ctx>,
  event: RecordedEvent,
  firstError: unknown,
): Promise<'done' | 'parked' | 'stopped' | 'abandoned'> {
  const policy = slot.projection.retry;
  let lastError = firstError;
  let attempts = 1;
  // A DomainError (or an error marked non-retryable) fails the same way again: onError decides now.
  while (attempts < policy.maxAttempts && isRetryable(lastError)) {
    await runner.sleep(backoffDelay(policy, attempts, runner.random));
    // Stopping mid-retry commits nothing: the next run starts again at this event.
    if (runner.stopping()) return 'abandoned';
    attempts++;
    try {
      await commit(runner, slot, [event], event.position);
      return 'done';
    } catch (error) {
      if (!(error instanceof HandlerFailed)) throw error;
      lastError = error.cause;
    }
  }
  const failure = new ProjectionHandlerError(slot.projection.name, event, attempts, lastError);
  if (slot.projection.onError === 'stop') {
    slot.state = 'failed';
    slot.error = failure;
    runner.metrics.failed?.(slot.projection.name, failure);
    return 'stopped';
  }
  const letter: DeadLetter = {
    id: deadLetterId(slot.build, event.position),
    projection: slot.projection.name,
    version: slot.build.version,
    generation: slot.build.generation,
    event,
    error: storedError(lastError),
    attempts,
    failedAt: runner.clock.now(),
  };
  await runner.target.batch(
    slot.build,
    runner.checkpoints,
    async (unit) => {
      unit.addDeadLetter(letter);
      unit.saveCheckpoint(event.position);
    },
    fence(runner, slot),
  );
  slot.position = event.position;
  slot.deadLetters++;
  slot.meter?.add(1);
  runner.metrics.deadLettered?.({
    projection: slot.projection.name,
    position: event.position,
    error: failure,
  });
  return 'parked';
}

export function deadLetterId(build: BuildRecord, position: bigint): string {
  return `${buildKey(build)}#${position}`;
}

export function storedError(error: unknown): StoredError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack !== undefined ? { stack: error.stack } : {}),
  };
}
