import type { RecordedEvent } from '@strata/core';
import { toRecordedEvent, type StreamRow } from './event-row.js';

/** What a stream read needs: how to fetch one page, and where and how far to read. */
export interface StreamRead {
  readonly streamId: string;
  /** At most `limit` rows of the stream from revision `from` (inclusive), in the read's direction. */
  readonly page: (from: bigint, limit: number) => Promise<readonly StreamRow[]>;
  readonly from: bigint;
  readonly backwards: boolean;
  readonly maxCount: number;
  /** Rows in the first page. */
  readonly pageSize: number;
  /** Each full page doubles the next one, up to this many rows. */
  readonly maxPageSize: number;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** A page asked of the database: where it starts and the number of rows asked for. */
interface Requested {
  readonly rows: Promise<readonly StreamRow[]>;
  readonly from: bigint;
  readonly limit: number;
}

/** Pages asked for ahead of the one being read, once a first page came back full. */
const READ_AHEAD = 2;

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
 * Pages are read ahead: once a first page came back full, two pages are always asked for
 * beyond the one in hand, so the server produces them while this process decodes and
 * replays (on a machine where both share the cores, a 10k-event load then costs about the
 * larger of the two, not their sum). Two, because each page is twice the last: with one, the
 * server, producing a page twice the size of the one being replayed, kept the replay
 * waiting. A stream's revisions have no gaps, so where each page starts is known before the
 * one before it arrives; a full page that does not end where that says (rows missing from
 * the table) sends the pages asked ahead away and asks again from its last row. A short page
 * is the end. A reader stopped early has asked for at most two pages it will not use.
 */
export class StreamReader implements AsyncIterator<RecordedEvent> {
  readonly #read: StreamRead;
  #rows: readonly StreamRow[] = [];
  #index = 0;
  /** The current page's last event, decoded on arrival to check where the next page starts. */
  #last: RecordedEvent | undefined;
  /** Pages asked for and not yet taken, oldest first. */
  #ahead: Requested[] = [];
  /** Where the next page to ask for starts. */
  #nextFrom: bigint;
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
    this.#nextFrom = read.from;
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
        return Promise.resolve({ done: false, value: last ?? this.#decode(row) });
      } catch (error) {
        this.#stop();
        // toRecordedEvent throws CorruptRowErrors; anything else is wrapped to stay an Error.
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    if (!this.#started) {
      this.#started = true;
      this.#askAhead(1);
    }
    const ahead = this.#ahead.shift();
    if (ahead === undefined || this.#stopped) {
      this.#stop();
      return Promise.resolve(DONE);
    }
    const waiting = ahead.rows.then(
      (rows) => {
        this.#waiting = undefined;
        if (this.#stopped) return DONE; // returned while the page was on its way
        this.#arrived(rows, ahead);
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

  /** Asks for pages from `#nextFrom` until `pages` are on their way or the read wants no more rows. */
  #askAhead(pages: number): void {
    while (this.#ahead.length < pages && this.#nextFrom >= 0n && this.#unrequested > 0) {
      const from = this.#nextFrom;
      const limit = Math.min(this.#pageSize, this.#unrequested);
      this.#unrequested -= limit;
      this.#pageSize = Math.max(Math.min(this.#pageSize * 2, this.#read.maxPageSize), this.#pageSize);
      this.#nextFrom = this.#read.backwards ? from - BigInt(limit) : from + BigInt(limit);
      const rows = this.#read.page(from, limit);
      // Until next() takes it, a failed read-ahead must not be an unhandled rejection.
      rows.catch(() => undefined);
      this.#ahead.push({ rows, from, limit });
    }
  }

  #arrived(rows: readonly StreamRow[], asked: Requested): void {
    this.#rows = rows;
    this.#index = 0;
    this.#last = undefined;
    const lastRow = rows[rows.length - 1];
    // A short page is the end; a page asked ahead past it is not read.
    if (lastRow === undefined || rows.length < asked.limit) return this.#forgetAhead();
    try {
      this.#last = this.#decode(lastRow);
    } catch {
      return this.#forgetAhead(); // the corrupt row throws when its turn comes; nothing after it is read
    }
    const step = BigInt(asked.limit - 1);
    const revision = this.#last.revision;
    if (revision !== (this.#read.backwards ? asked.from - step : asked.from + step)) {
      this.#forgetAhead();
      this.#nextFrom = this.#read.backwards ? revision - 1n : revision + 1n;
    }
    this.#askAhead(READ_AHEAD);
  }

  /** Sends away the pages asked ahead: their rows count as not asked for. */
  #forgetAhead(): void {
    for (const page of this.#ahead) this.#unrequested += page.limit;
    this.#ahead = [];
  }

  #decode(row: StreamRow): RecordedEvent {
    return toRecordedEvent(this.#read.streamId, row[0], row[1], row[2]);
  }

  #stop(): void {
    this.#stopped = true;
    this.#ahead = [];
    this.#rows = [];
    this.#index = 0;
    this.#last = undefined;
  }
}
