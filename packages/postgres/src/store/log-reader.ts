import type { EventFilter, ReadAllOptions, RecordedEvent } from '@strata/core';
import { toBigInt, toRecordedEvent } from './event-row.js';
import { logPageQuery } from './read-queries.js';
import type { SqlRunner } from './sql-runner.js';

/** What a log read needs: where its SQL runs, and how its pages grow. */
export interface LogRead {
  readonly sql: SqlRunner;
  /** Rows in the first page; each next page doubles, up to `maxPageSize`. */
  readonly pageSize: number;
  readonly maxPageSize: number;
  /**
   * Ask for the next page as soon as one arrives. Not inside a transaction: its one
   * connection would then run the read-ahead while the reader's own statements wait.
   */
  readonly readAhead: boolean;
}

/**
 * One page of the log and the head its snapshot saw (see `logPageQuery`). A page scans the
 * log in windows of positions, each twice as wide as the last, until it has
 * `limit` events or has passed the head, so no statement scans further than it must. Every
 * window ends below the head its statement saw, so it holds all the events it ever will,
 * and the page as a whole is as gap-free as a single statement's.
 */
export async function logPage(
  sql: SqlRunner,
  from: bigint,
  limit: number,
  bound: bigint | undefined,
  filter: EventFilter | undefined,
): Promise<{ events: RecordedEvent[]; head: bigint; full: boolean }> {
  const events: RecordedEvent[] = [];
  let cursor = from;
  // Positions have gaps only where a transaction rolled back: an unfiltered page's window is
  // the page itself, a filtered one's starts twice as wide.
  let width = BigInt(Math.max(limit, 1) * (filter ? 2 : 1));
  for (;;) {
    const before = cursor + width;
    const { text, params } = logPageQuery(sql.names, cursor, limit - events.length, bound, filter, before);
    const rows = await sql.run('read all', (db) => db.queryArrays(text, params));
    // [head, stream id, event id, type, event]; one row of nulls but the head when none matched.
    for (const row of rows) if (row[4] !== null) events.push(toRecordedEvent(row[1], row[2], row[3], row[4]));
    const head = toBigInt(rows[0]?.[0]) ?? -1n;
    if (events.length >= limit || before > (bound ?? head))
      return { events, head, full: events.length >= limit };
    cursor = before;
    width *= 2n;
  }
}

/**
 * The log page by page, from `options.from`, bounded by the head the first page saw (a read
 * under constant appends still ends). Pages grow like a stream read's (see `StreamReader`);
 * with `readAhead`, the next page is asked for as soon as one arrives, so the server reads it
 * while this one is consumed, and a read stopped early has asked for at most one page it
 * does not use.
 */
export async function* readLog(read: LogRead, options: ReadAllOptions): AsyncGenerator<RecordedEvent> {
  /** Events not yet asked of the database. */
  let unrequested = options.maxCount ?? Number.POSITIVE_INFINITY;
  let pageSize = read.pageSize;
  const request = (at: bigint, bound: bigint | undefined) => {
    const limit = Math.min(pageSize, unrequested);
    unrequested -= limit;
    pageSize = Math.min(pageSize * 2, read.maxPageSize);
    const page = logPage(read.sql, at, limit, bound, options.filter);
    page.catch(() => undefined); // awaited below; unhandled only if the reader stops first
    return page;
  };
  if (!(unrequested > 0)) return;
  let next = request(options.from !== undefined && options.from > 0n ? options.from : 0n, undefined);
  let bound: bigint | undefined;
  for (;;) {
    const page = await next;
    bound ??= page.head;
    const last = page.events[page.events.length - 1];
    const more = page.full && last !== undefined && unrequested > 0;
    if (more && read.readAhead) next = request(last.position + 1n, bound);
    yield* page.events;
    if (!more) return;
    if (!read.readAhead) next = request(last.position + 1n, bound);
  }
}
