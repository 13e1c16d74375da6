import type { RecordedEvent } from '@strata/core';
import { toRecordedEvent, type EventRow } from './event-row.js';

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

/** A page asked of the database and the number of rows asked for. */
interface Requested {
  readonly rows: Promise<readonly EventRow[]>;
  readonly limit: number;
}

/**
 * The events of a stream, page by page, as an async iterator written by hand: an async
 * generator costs a generator frame and more promises per event, a large part of a replay
 * once the rows are parsed. Rows become events only when asked for, so the events before a
 * corrupt row are still delivered, in order, before its error.
 *
 * Pages grow: a short stream costs one query whatever the page size, and a long one (an
 * aggregate read to its end) needs few round trips, each a statement the server plans and
 * runs again, while a page never holds more than `maxPageSize` rows in memory.
 *
 * Pages are read ahead: when a full page arrives, the next one is asked for at once, so the
 * server produces it while this process decodes and replays the one in hand (on a machine
 * where both share the cores, a 10k-event load then costs about the larger of the two, not
 * their sum). A reader stopped early has asked for at most one page it will not use.
 */
export class StreamReader implements AsyncIterator<RecordedEvent> {
  readonly #read: StreamRead;
  #rows: readonly EventRow[] = [];
  #index = 0;
  /** The current page's last event, decoded on arrival to know where the next page starts. */
  #last: RecordedEvent | undefined;
  /** The next page, already asked for; undefined when there is none (or none asked yet). */
  #ahead: Requested | undefined;
  #started = false;
  #stopped = false;
  /** A `next()` waiting for a page: later calls queue behind it, as an async generator's do. */
  #waiting: Promise<IteratorResult<RecordedEvent>> | undefined;
  /** Rows not yet asked of the database. */
  #unrequested: number;
  #pageSize: number;

  constructor(read: StreamRead) {
    this.#read = read;
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
        const last = this.#index === this.#rows.length ? this.#last : undefined;
        return Promise.resolve({ done: false, value: last ?? toRecordedEvent(row) });
      } catch (error) {
        this.#stop();
        // toRecordedEvent throws CorruptRowErrors; anything else is wrapped to stay an Error.
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    if (!this.#started) {
      this.#started = true;
      this.#ahead = this.#request(this.#read.from);
    }
    const ahead = this.#ahead;
    if (ahead === undefined || this.#stopped) {
      this.#stop();
      return Promise.resolve(DONE);
    }
    this.#ahead = undefined;
    const waiting = ahead.rows.then(
      (rows) => {
        this.#waiting = undefined;
        if (this.#stopped) return DONE; // returned while the page was on its way
        this.#arrived(rows, ahead.limit);
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

  /** Asks for the page from `from`, or returns undefined when the read wants no more rows. */
  #request(from: bigint): Requested | undefined {
    if (from < 0n || !(this.#unrequested > 0)) return undefined;
    const limit = Math.min(this.#pageSize, this.#unrequested);
    this.#unrequested -= limit;
    this.#pageSize = Math.max(Math.min(this.#pageSize * 2, this.#read.maxPageSize), this.#pageSize);
    return { rows: this.#read.page(from, limit), limit };
  }

  #arrived(rows: readonly EventRow[], limit: number): void {
    this.#rows = rows;
    this.#index = 0;
    this.#last = undefined;
    const lastRow = rows[rows.length - 1];
    // A short page is the end.
    if (lastRow === undefined || rows.length < limit) return;
    try {
      this.#last = toRecordedEvent(lastRow);
    } catch {
      return; // the corrupt row throws when its turn comes; nothing after it is read
    }
    const revision = this.#last.revision;
    this.#ahead = this.#request(this.#read.backwards ? revision - 1n : revision + 1n);
    // Until next() takes it, a failed read-ahead must not be an unhandled rejection.
    this.#ahead?.rows.catch(() => undefined);
  }

  #stop(): void {
    this.#stopped = true;
    this.#ahead = undefined;
    this.#rows = [];
    this.#index = 0;
    this.#last = undefined;
  }
}
