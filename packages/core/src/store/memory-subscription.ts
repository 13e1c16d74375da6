import type { RecordedEvent } from '../events/event.js';
import type { Subscription } from './event-store.js';

/** What a memory subscription needs from its store: the log and a way to wait for appends. */
export interface LogSource<S> {
  readonly length: number;
  at(index: number): S;
  /** Resolves on the next append (or when `cancel` is called). */
  waitForAppend(): { promise: Promise<void>; cancel: () => void };
}

/**
 * Catch-up and live are one cursor over one array: the switch cannot skip or repeat an
 * event, because there is no second source to hand over to.
 */
export class MemorySubscription<
  S extends { readonly streamId: string; readonly type: string },
> implements Subscription {
  #cursor: number;
  #stopped = false;
  #caughtUp = false;
  #cancelWait: (() => void) | undefined;

  constructor(
    private readonly source: LogSource<S>,
    from: number,
    private readonly toRecorded: (stored: S) => RecordedEvent,
    private readonly matches: ((stored: S) => boolean) | undefined,
    private readonly onCaughtUp: (() => void) | undefined,
  ) {
    this.#cursor = from;
  }

  async #next(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.#stopped) {
      while (this.#cursor < this.source.length) {
        const stored = this.source.at(this.#cursor++);
        if (!this.matches || this.matches(stored)) return { done: false, value: this.toRecorded(stored) };
      }
      if (!this.#caughtUp) {
        this.#caughtUp = true;
        this.onCaughtUp?.();
        continue;
      }
      const wait = this.source.waitForAppend();
      this.#cancelWait = wait.cancel;
      await wait.promise;
      this.#cancelWait = undefined;
    }
    return { done: true, value: undefined };
  }

  stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelWait?.();
    return Promise.resolve();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => this.#next(),
      return: async () => {
        await this.stop();
        return { done: true, value: undefined };
      },
    };
  }
}
