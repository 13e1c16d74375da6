import type { Clock } from '@strata/core';
import type { Sleep } from '@strata/core';

export type AttemptOutcome =
  | { readonly kind: 'ok'; readonly value: unknown; readonly durationMs: number }
  | { readonly kind: 'error'; readonly error: unknown; readonly durationMs: number }
  | { readonly kind: 'timeout'; readonly durationMs: number }
  /** The orchestrator stopped: the attempt's result is unknown and nothing is recorded. */
  | { readonly kind: 'stopped' };

export interface AttemptOptions {
  readonly timeoutMs: number;
  /** Aborts the attempt and stops waiting for it (orchestrator stop). */
  readonly stop: AbortSignal;
  /** Aborts the attempt's signal but still waits for its outcome (cancel: a late success must be recorded). */
  readonly cancel: AbortSignal;
  readonly sleep: Sleep;
  readonly clock: Clock;
  readonly timeoutError: () => Error;
}

/** Runs one attempt of a run or compensate with its own AbortSignal and timeout. */
export async function runAttempt(
  work: (signal: AbortSignal) => unknown,
  options: AttemptOptions,
): Promise<AttemptOutcome> {
  const { stop, cancel, clock } = options;
  if (stop.aborted) return { kind: 'stopped' };
  const controller = new AbortController();
  const timer = new AbortController();
  const forward = (source: AbortSignal) => () => controller.abort(source.reason);
  const onStop = forward(stop);
  const onCancel = forward(cancel);
  stop.addEventListener('abort', onStop, { once: true });
  cancel.addEventListener('abort', onCancel, { once: true });
  if (cancel.aborted) onCancel();
  const started = clock.now().getTime();
  const elapsed = () => Math.max(0, clock.now().getTime() - started);
  try {
    const finished = Promise.resolve()
      .then(() => work(controller.signal))
      .then(
        (value): AttemptOutcome => ({ kind: 'ok', value, durationMs: elapsed() }),
        (error: unknown): AttemptOutcome => ({ kind: 'error', error, durationMs: elapsed() }),
      );
    const timedOut = options.sleep(options.timeoutMs, timer.signal).then((): AttemptOutcome | undefined => {
      if (timer.signal.aborted) return undefined;
      controller.abort(options.timeoutError());
      return { kind: 'timeout', durationMs: elapsed() };
    });
    const stopped = new Promise<AttemptOutcome>((resolve) => {
      if (stop.aborted) resolve({ kind: 'stopped' });
      stop.addEventListener('abort', () => resolve({ kind: 'stopped' }), {
        once: true,
        signal: timer.signal,
      });
    });
    const outcome = await Promise.race([finished, stopped, timedOut.then((t) => t ?? finished)]);
    return outcome;
  } finally {
    timer.abort();
    stop.removeEventListener('abort', onStop);
    cancel.removeEventListener('abort', onCancel);
  }
}
