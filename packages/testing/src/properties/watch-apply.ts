import type { AnyEvent } from '@strata/core';
import { deepEqual } from '../specs/deep-equal.js';
import type { AnyAggregate } from '../specs/history.js';

/** The first event an aggregate's `apply` changed, as it was before and after. */
export interface EventMutation {
  readonly type: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** A write `apply` attempted into a frozen event (core freezes events on replay). */
export interface FrozenEventWrite {
  readonly type: string;
  readonly data: unknown;
  readonly error: TypeError;
}

export interface ApplyWatch {
  readonly mutation: EventMutation | undefined;
  /**
   * The last TypeError `apply` threw on a frozen event. Core's replay retries such a fold
   * without freezing (it may be a write into an array kept from an earlier event); when the
   * retry fails too, this is the write into the event that broke it.
   */
  readonly frozenWrite: FrozenEventWrite | undefined;
}

type ApplyFn = (state: unknown, event: AnyEvent) => void;

function snapshot(event: AnyEvent): { data: unknown; metadata: unknown } | undefined {
  try {
    return structuredClone({ data: event.data, metadata: event.metadata });
  } catch {
    // Data a structured clone cannot copy (functions) is not an event's data; raise would
    // not have accepted it through JSON-minded schemas, so there is nothing to compare.
    return undefined;
  }
}

/**
 * Wraps this one aggregate's `apply` (both `raise` and `replay` call `this.apply`) so that
 * every event handed to it is compared before and after: `apply` must treat events as
 * read-only, since the same objects are kept as uncommitted events and appended.
 */
export function watchApply(aggregate: AnyAggregate): ApplyWatch {
  const watch: { mutation: EventMutation | undefined; frozenWrite: FrozenEventWrite | undefined } = {
    mutation: undefined,
    frozenWrite: undefined,
  };
  const original = (aggregate as unknown as { apply: ApplyFn }).apply;
  const watched = function (this: unknown, state: unknown, event: AnyEvent): void {
    const before = watch.mutation === undefined ? snapshot(event) : undefined;
    try {
      original.call(this, state, event);
    } catch (error) {
      if (error instanceof TypeError && Object.isFrozen(event)) {
        watch.frozenWrite = { type: event.type, data: event.data, error };
      }
      throw error;
    }
    if (before === undefined) return;
    const after = { data: event.data, metadata: event.metadata };
    if (!deepEqual(before, after)) {
      watch.mutation = { type: event.type, before, after: structuredClone(after) };
    }
  };
  Object.defineProperty(aggregate, 'apply', { value: watched, configurable: true, writable: true });
  return watch;
}
