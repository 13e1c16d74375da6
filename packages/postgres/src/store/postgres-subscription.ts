import type { EventFilter, RecordedEvent, Subscription } from '@strata/core';
import type { ChangeFeed } from './change-feed.js';

/** Reads one page of the log from `from`: the matching events and the head that read saw. */
export type LogPageReader = (
  from: bigint,
  filter: EventFilter | undefined,
) => Promise<{ events: RecordedEvent[]; head: bigint; full: boolean }>;

/**
 * Catch-up and live are one cursor over the log, read in pages: the switch cannot skip or
 * repeat an event. Between pages that found nothing it waits for a NOTIFY from an append (or
 * the slow safety poll), never spinning.
 */
export class PostgresSubscription implements Subscription {
  #cursor: bigint;
  #buffer: RecordedEvent[] = [];
  #stopped = false;
  #caughtUp = false;
  #cancelWait: (() => void) | undefined;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly readPage: LogPageReader,
    from: bigint,
    private readonly filter: EventFilter | undefined,
    private readonly pollIntervalMs: number,
    private readonly onCaughtUp: (() => void) | undefined,
    private readonly onStop: (subscription: PostgresSubscription) => void,
  ) {
    this.#cursor = from < 0n ? 0n : from;
  }

  async #next(): Promise<IteratorResult<RecordedEvent>> {
    // Listening first: an append after the first read then always wakes the wait below.
    if (!this.#stopped) await this.feed.start();
    while (!this.#stopped) {
      const buffered = this.#buffer.shift();
      if (buffered) return { done: false, value: buffered };
      const seen = this.feed.version;
      const page = await this.readPage(this.#cursor, this.filter);
      if (this.#stopped) break;
      const last = page.events[page.events.length - 1];
      // A short page scanned the log up to the head, matching or not.
      if (page.full && last) this.#cursor = last.position + 1n;
      else if (page.head + 1n > this.#cursor) this.#cursor = page.head + 1n;
      if (page.events.length > 0) {
        this.#buffer = page.events;
        continue;
      }
      if (!this.#caughtUp) {
        this.#caughtUp = true;
        this.onCaughtUp?.();
        continue;
      }
      const wait = this.feed.wait(seen, this.pollIntervalMs);
      this.#cancelWait = wait.cancel;
      await wait.promise;
      this.#cancelWait = undefined;
    }
    return { done: true, value: undefined };
  }

  stop(): Promise<void> {
    if (!this.#stopped) {
      this.#stopped = true;
      this.#buffer = [];
      this.#cancelWait?.();
      this.onStop(this);
    }
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
