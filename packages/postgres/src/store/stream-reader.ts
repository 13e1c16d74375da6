import type { RecordedEvent } from '@strata/core';
import { toBigInt, toRecordedEvent, type EventRow } from './event-row.js';

/** What a stream read needs: how to fetch one page, and where and how far to read. */
export interface StreamRead {
  /** At most `limit` rows of the stream from revision `from` (inclusive), in the read's direction. */
  readonly page: (from: bigint, limit: number) => Promise<readonly EventRow[]>;
  readonly from: bigint;
  readonly backwards: boolean;
  readonly maxCount: number;
  /** Rows in the first page. */
  readonly pageSize: number;
  /** Each full page doubles the next one, up to this many rows. */
  readonly maxPageSize: number;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The events of a stream, page by page, as an async iterator written by hand: an async
 * generator costs a generator frame and more promises per event, a large part of a replay
 * once the rows are parsed. Rows become events only when asked for, so the events before a
 * corrupt row are still delivered, in order, before its error.
 *
 * Pages grow: a short stream costs one query whatever the page size, and a long one (an
 * aggregate read to its end) needs few round trips, each a statement the server plans and
 * runs again, while a page never holds more than `maxPageSize` rows in memory.
 */
export class StreamReader implements AsyncIterator<RecordedEvent> {
  readonly #read: StreamRead;
  #rows: readonly EventRow[] = [];
  #index = 0;
  /** Where the next page starts; undefined when there is none to fetch. */
  #from: bigint | undefined;
  /** A `next()` waiting for a page: later calls queue behind it, as an async generator's do. */
  #waiting: Promise<IteratorResult<RecordedEvent>> | undefined;
  /** Rows not yet asked of the database. */
  #unrequested: number;
  #pageSize: number;

  constructor(read: StreamRead) {
    this.#read = read;
    this.#from = read.from;
    this.#unrequested = read.maxCount;
    this.#pageSize = read.pageSize;
  }

  next(): Promise<IteratorResult<RecordedEvent>> {
    if (this.#waiting) {
      const again = () => this.next();
      return this.#waiting.then(again, again);
    }
    const row = this.#rows[this.#index];
    if (row !== undefined) {
      this.#index++;
      try {
        return Promise.resolve({ done: false, value: toRecordedEvent(row) });
      } catch (error) {
        this.#stop();
        // toRecordedEvent throws CorruptRowErrors; anything else is wrapped to stay an Error.
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const from = this.#from;
    if (from === undefined || from < 0n || !(this.#unrequested > 0)) {
      this.#stop();
      return Promise.resolve(DONE);
    }
    const limit = Math.min(this.#pageSize, this.#unrequested);
    this.#unrequested -= limit;
    this.#pageSize = Math.max(Math.min(this.#pageSize * 2, this.#read.maxPageSize), this.#pageSize);
    const waiting = this.#read.page(from, limit).then(
      (rows) => {
        this.#waiting = undefined;
        if (this.#from === undefined) return DONE; // returned while the page was on its way
        this.#arrived(rows, limit);
        return this.next();
      },
      (error: unknown) => {
        this.#waiting = undefined;
        this.#stop();
        throw error;
      },
    );
    this.#waiting = waiting;
    return waiting;
  }

  return(): Promise<IteratorResult<RecordedEvent>> {
    this.#stop();
    return Promise.resolve(DONE);
  }

  #arrived(rows: readonly EventRow[], limit: number): void {
    this.#rows = rows;
    this.#index = 0;
    const last = rows[rows.length - 1];
    // A short page is the end. A corrupt last revision throws when its event is reached.
    const revision = last === undefined || rows.length < limit ? undefined : toBigInt(last.revision);
    this.#from = revision === undefined ? undefined : this.#read.backwards ? revision - 1n : revision + 1n;
  }

  #stop(): void {
    this.#from = undefined;
    this.#rows = [];
    this.#index = 0;
  }
}
