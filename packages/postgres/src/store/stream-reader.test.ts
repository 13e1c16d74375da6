import type { RecordedEvent } from '@strata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorruptRowError } from '../errors/corrupt-row-error.js';
import type { StreamRow } from './event-row.js';
import { StreamReader, type StreamRead } from './stream-reader.js';

interface RowFields {
  position: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  /** JSON text, spliced into the row as the SQL does with `data::text`. */
  data: string;
  metadata: string;
  escaped: boolean;
  /** Microseconds since 1970, as `EVENT_SELECT` gives them. */
  recordedAtMicros: number;
}

type Row = StreamRow & { revision: bigint };

/** A row as `STREAM_EVENT_SELECT` builds it, with fields overridden as a test needs. */
function row(revision: number, overrides: Partial<RowFields> = {}): Row {
  const f: RowFields = {
    position: String(1000 + revision),
    eventId: `e-${revision}`,
    type: 't',
    schemaVersion: 1,
    data: `{"n":${revision}}`,
    metadata: '{}',
    escaped: false,
    recordedAtMicros: 1700000000123456,
    ...overrides,
  };
  const text = [
    f.position,
    revision,
    f.schemaVersion,
    f.data,
    f.metadata,
    f.escaped,
    f.recordedAtMicros,
  ].join(',');
  return Object.assign([f.eventId, f.type, `[${text}]`], { revision: BigInt(revision) });
}

/** A stream of `length` rows behind a `page` that records every call, as the SQL would answer it. */
function fakeStream(rows: readonly Row[], backwards: boolean) {
  const calls: { from: bigint; limit: number }[] = [];
  const page: StreamRead['page'] = (from, limit) => {
    calls.push({ from, limit });
    const at = rows.filter((r) => (backwards ? r.revision <= from : r.revision >= from));
    const ordered = backwards ? [...at].reverse() : at;
    return Promise.resolve(ordered.slice(0, limit));
  };
  return { page, calls };
}

/** A forward read from revision 0, as most cases here need. */
function forwards(page: StreamRead['page'], pageSize: number, maxPageSize: number, maxCount = Infinity) {
  return new StreamReader({
    streamId: 's-1',
    page,
    from: 0n,
    backwards: false,
    maxCount,
    pageSize,
    maxPageSize,
  });
}

async function drain(iterator: AsyncIterator<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) out.push(next.value);
  return out;
}

describe('StreamReader', () => {
  it('reads what one query of the whole stream would, with pages that double up to the cap, rows missing or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 60 }),
        fc.boolean(),
        fc.integer({ min: -3, max: 70 }),
        fc.option(fc.integer({ min: -1, max: 70 }), { nil: undefined }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        // Revisions Strata writes have no gaps; rows deleted by hand leave some.
        fc.option(fc.integer({ min: 2, max: 9 }), { nil: undefined }),
        async (length, backwards, fromRevision, maxCount, pageSize, growth, gapEvery) => {
          const rows = Array.from({ length }, (_, i) => row(i)).filter(
            (_, i) => gapEvery === undefined || i % gapEvery !== 1,
          );
          const { page, calls } = fakeStream(rows, backwards);
          // The store clamps a forward read's start at 0, as here; a backwards read below 0 is empty.
          const from = BigInt(backwards ? fromRevision : Math.max(0, fromRevision));
          const maxPageSize = pageSize * growth;
          const read = await drain(
            new StreamReader({
              streamId: 's-1',
              page,
              from,
              backwards,
              maxCount: maxCount ?? Infinity,
              pageSize,
              maxPageSize,
            }),
          );
          const all = backwards
            ? rows.filter((r) => r.revision <= from).reverse()
            : rows.filter((r) => r.revision >= from);
          const expected = backwards && from < 0n ? [] : all.slice(0, Math.max(0, maxCount ?? Infinity));
          expect(read.map((event) => event.revision)).toEqual(expected.map((r) => r.revision));
          expect(read.every((event) => event.streamId === 's-1')).toBe(true);
          calls.forEach(({ limit }, i) => {
            expect(limit).toBeLessThanOrEqual(Math.min(pageSize * 2 ** i, maxPageSize));
            expect(limit).toBeGreaterThan(0);
          });
          // Without gaps: no more queries than a page per cap's worth of rows, plus the one that
          // finds the end and the one asked ahead past it.
          if (gapEvery === undefined)
            expect(calls.length).toBeLessThanOrEqual(Math.ceil(expected.length / pageSize) + 2);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('delivers the events before a corrupt row, then its CorruptRowError, then nothing', async () => {
    const rows = [row(0), row(1), row(2, { data: '{oops' }), row(3)];
    const { page } = fakeStream(rows, false);
    const reader = forwards(page, 10, 10);
    expect((await reader.next()).value).toMatchObject({ revision: 0n, data: { n: 0 } });
    expect((await reader.next()).value).toMatchObject({ revision: 1n });
    await expect(reader.next()).rejects.toMatchObject({
      code: 'CORRUPT_ROW',
      key: 'at position 1002',
      reason: 'the row is not JSON text',
    });
    await expect(reader.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('a page that fails ends the read with its error; a return() while a page is on its way ends it too', async () => {
    const failing = forwards(() => Promise.reject(new Error('down')), 1, 1);
    await expect(failing.next()).rejects.toThrow('down');
    await expect(failing.next()).resolves.toMatchObject({ done: true });

    const { page, calls } = fakeStream([row(0), row(1)], false);
    const stopped = forwards(page, 1, 1);
    const first = stopped.next();
    await stopped.return();
    await expect(first).resolves.toMatchObject({ done: true });
    await expect(stopped.next()).resolves.toMatchObject({ done: true });
    expect(calls).toHaveLength(1);
  });

  it('next() calls made without waiting get the events in order, as from an async generator', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => row(i));
    const { page } = fakeStream(rows, false);
    const reader = forwards(page, 2, 3);
    const results = await Promise.all(Array.from({ length: 9 }, () => reader.next()));
    expect(results.map((result) => (result.done ? 'done' : result.value.revision))).toEqual([
      0n,
      1n,
      2n,
      3n,
      4n,
      5n,
      6n,
      'done',
      'done',
    ]);
  });

  it('a row whose JSON columns are escaped reads back through both parses; a bad one is a CorruptRowError', async () => {
    const escaped = JSON.stringify(JSON.stringify({ s: 'a\u0000b' }));
    const rows = [row(0, { data: escaped, metadata: JSON.stringify('{"k":"\\ud800"}'), escaped: true })];
    const [event] = await drain(forwards(fakeStream(rows, false).page, 1, 1, 1));
    expect(event?.data).toEqual({ s: 'a\u0000b' });
    expect(event?.metadata).toEqual({ k: '\ud800' });
    expect(event?.recordedAt.getTime()).toBe(1700000000123);
    expect(Object.isFrozen(event?.data)).toBe(true);
    const bad = forwards(fakeStream([row(0, { data: '{"a":1}', escaped: true })], false).page, 1, 1, 1);
    const error = await bad.next().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorruptRowError);
    expect(error).toMatchObject({ reason: 'data is marked escaped but is not a string' });
  });

  it('asks for the next two pages as soon as a full one arrives, so the server works while events are replayed', async () => {
    const { page, calls } = fakeStream(
      Array.from({ length: 5 }, (_, i) => row(i)),
      false,
    );
    const reader = forwards(page, 2, 2);
    await reader.next();
    expect(calls.map((call) => call.from)).toEqual([0n, 2n, 4n]);
    expect((await drain(reader)).map((event) => event.revision)).toEqual([1n, 2n, 3n, 4n]);
    // The short page (one row of two) was the end: the page asked past it was not read.
    expect(calls.map((call) => call.from)).toEqual([0n, 2n, 4n, 6n]);
  });

  it('a short stream costs one query: pages are asked ahead only after a full one', async () => {
    const { page, calls } = fakeStream(
      Array.from({ length: 3 }, (_, i) => row(i)),
      false,
    );
    expect(await drain(forwards(page, 5, 20))).toHaveLength(3);
    expect(calls).toEqual([{ from: 0n, limit: 5 }]);
  });

  it('a full page that ends past where it should (rows missing) asks again from its last row', async () => {
    const rows = [0, 1, 3, 4, 5, 6].map((revision) => row(revision));
    const { page, calls } = fakeStream(rows, false);
    expect((await drain(forwards(page, 2, 2))).map((event) => event.revision)).toEqual([
      0n,
      1n,
      3n,
      4n,
      5n,
      6n,
    ]);
    // The page from 2 ended at 4, not 3: the page asked from 4 was sent away, the next asked from 5.
    expect(calls.map((call) => call.from)).toEqual([0n, 2n, 4n, 5n, 7n, 9n]);
  });

  it('a read-ahead that fails after the reader was abandoned is not an unhandled rejection', async () => {
    let asked = 0;
    const page: StreamRead['page'] = (from) => {
      asked++;
      return from === 0n ? Promise.resolve([row(0)]) : Promise.reject(new Error('gone'));
    };
    const reader = forwards(page, 1, 1);
    await reader.next();
    await reader.return();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked).toBe(3);
    await expect(reader.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
