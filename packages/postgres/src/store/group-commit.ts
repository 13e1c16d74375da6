import type { AppendResult } from '@strata/core';
import type { BatchedAppend } from './append.js';

/** At most this many appends, or events, share one statement. */
export const MAX_GROUP_APPENDS = 64;
export const MAX_GROUP_EVENTS = 5_000;

interface Waiting extends BatchedAppend {
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** How a group is written; it settles each append of the group with its own result or error. */
export type WriteGroup = (
  group: readonly BatchedAppend[],
) => Promise<ReadonlyArray<{ readonly result: AppendResult } | { readonly error: unknown }>>;

/**
 * Group commit: while one write is in flight, appends queue; when it returns, everything that
 * queued goes in the next write together (one round trip, one commit). A lone append goes out
 * at once, so a single writer waits for nothing; concurrent writers share commits instead of
 * taking turns on the append lock one commit at a time.
 */
export class GroupCommit {
  readonly #write: WriteGroup;
  readonly #queue: Waiting[] = [];
  #draining = false;

  constructor(write: WriteGroup) {
    this.#write = write;
  }

  append(append: BatchedAppend): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.#queue.push({ ...append, resolve, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const group = this.#take();
        let outcomes: Awaited<ReturnType<WriteGroup>>;
        try {
          outcomes = await this.#write(group);
        } catch (error) {
          for (const waiting of group) waiting.reject(error);
          continue;
        }
        group.forEach((waiting, i) => {
          const outcome = outcomes[i];
          if (outcome && 'result' in outcome) waiting.resolve(outcome.result);
          else waiting.reject(outcome ? outcome.error : new Error('the group write gave no outcome'));
        });
      }
    } finally {
      this.#draining = false;
    }
  }

  /** The next group: in arrival order, within the limits (the first always goes, however big). */
  #take(): Waiting[] {
    let events = 0;
    let count = 0;
    for (const waiting of this.#queue) {
      if (count > 0 && (count === MAX_GROUP_APPENDS || events + waiting.prepared.length > MAX_GROUP_EVENTS))
        break;
      events += waiting.prepared.length;
      count++;
    }
    return this.#queue.splice(0, count);
  }
}
