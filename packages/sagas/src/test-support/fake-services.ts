import type { Metadata } from '@strata/core';

export interface Call {
  readonly kind: 'run' | 'compensate';
  readonly sagaId: string;
  readonly step: string;
  readonly key: string;
  readonly attempt: number;
  readonly metadata: Metadata;
  readonly results: Readonly<Record<string, unknown>>;
  readonly outcome: 'ok' | 'failed' | 'hung';
  /** The orchestrator generation that made the call (crash tests). */
  readonly generation: number;
}

export interface Behaviour {
  /** The first n run calls fail. */
  readonly failRuns?: number;
  /** Every run call hangs until its signal aborts. */
  readonly hang?: boolean;
  /** The first n compensate calls fail. */
  readonly failCompensations?: number;
  /** What a failing run or compensate call throws. Default a plain (retryable) Error. */
  readonly error?: (message: string) => unknown;
}

interface Ctx {
  readonly sagaId: string;
  readonly step: string;
  readonly idempotencyKey: string;
  readonly attempt: number;
  readonly signal: AbortSignal;
  readonly metadata: Metadata;
  readonly results: Readonly<Record<string, unknown>>;
}

/**
 * The outside world of the test sagas: scripted failures per (saga id, step), a log of every
 * call, and idempotent effects keyed by the idempotency key.
 */
export class FakeServices {
  readonly calls: Call[] = [];
  /** Effects applied, by idempotency key: a repeated key does not apply twice. */
  readonly effects = new Map<string, number>();
  readonly #behaviours = new Map<string, Behaviour>();
  readonly #counts = new Map<string, number>();
  generation = 0;

  script(sagaId: string, step: string, behaviour: Behaviour): void {
    this.#behaviours.set(`${sagaId}/${step}`, behaviour);
  }

  #count(key: string): number {
    const n = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, n);
    return n;
  }

  async run(ctx: Ctx): Promise<{ ref: string }> {
    const behaviour = this.#behaviours.get(`${ctx.sagaId}/${ctx.step}`) ?? {};
    const n = this.#count(`run/${ctx.sagaId}/${ctx.step}`);
    const record = (outcome: Call['outcome']) =>
      this.calls.push({ kind: 'run', ...pick(ctx), outcome, generation: this.generation });
    if (behaviour.hang) {
      record('hung');
      return new Promise((_, reject) =>
        ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
      );
    }
    if (n <= (behaviour.failRuns ?? 0)) {
      record('failed');
      const message = `${ctx.step} failed (call ${n})`;
      throw behaviour.error ? behaviour.error(message) : new Error(message);
    }
    record('ok');
    this.effects.set(ctx.idempotencyKey, 1);
    return { ref: `${ctx.step}:${ctx.sagaId}` };
  }

  async compensate(ctx: Ctx): Promise<void> {
    const behaviour = this.#behaviours.get(`${ctx.sagaId}/${ctx.step}`) ?? {};
    const n = this.#count(`compensate/${ctx.sagaId}/${ctx.step}`);
    const record = (outcome: Call['outcome']) =>
      this.calls.push({ kind: 'compensate', ...pick(ctx), outcome, generation: this.generation });
    if (n <= (behaviour.failCompensations ?? 0)) {
      record('failed');
      const message = `undo ${ctx.step} failed (call ${n})`;
      throw behaviour.error ? behaviour.error(message) : new Error(message);
    }
    record('ok');
    this.effects.set(ctx.idempotencyKey, 1);
  }

  /** Stops failing: scripted failures end (for `retry` after a dead letter). */
  heal(): void {
    this.#behaviours.clear();
  }

  of(sagaId: string, kind?: Call['kind']): Call[] {
    return this.calls.filter((c) => c.sagaId === sagaId && (kind === undefined || c.kind === kind));
  }
}

function pick(ctx: Ctx) {
  return {
    sagaId: ctx.sagaId,
    step: ctx.step,
    key: ctx.idempotencyKey,
    attempt: ctx.attempt,
    metadata: ctx.metadata,
    results: ctx.results,
  };
}
