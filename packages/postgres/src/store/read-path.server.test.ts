import type { RecordedEvent } from '@strata/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../index.js';
import { dropSchema, SERVER_URL, serverPool, uniqueSchema } from '../test-support/databases.js';

// A pool whose type parsers are not pg's defaults, as an application (or another library in the
// process) may set them: int8 as a lossy number, jsonb and timestamptz left as text.
const foreignTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return (value: string) => Number(value) + 0.5;
    if (oid === 3802 || oid === 1184) return (value: string) => `raw:${value}`;
    return pg.types.getTypeParser(oid, format ?? 'text') as unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};
const pool = new pg.Pool({ connectionString: SERVER_URL, max: 4, types: foreignTypes });
const schema = uniqueSchema('readpath');
const at = new Date('2026-01-02T03:04:05.678Z');
const store = new PostgresEventStore({ pool, schema, pageSize: 3 });
// Writes go through a pool with pg's own parsers: only the read path is under test here.
const writerPool = serverPool(2);
const writer = new PostgresEventStore({ pool: writerPool, schema, clock: { now: () => at } });

beforeAll(() => writer.migrate());
afterAll(async () => {
  await Promise.all([store.close(), writer.close()]);
  await dropSchema(writerPool, schema);
  await Promise.all([pool.end(), writerPool.end()]);
});

async function all(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe('the read path', () => {
  it('reads the same events whatever type parsers the pool carries, across growing pages', async () => {
    const stream = `parsers-${Date.now()}`;
    const written = Array.from({ length: 40 }, (_, i) => ({
      type: 'counted',
      data: { i, text: i % 5 === 0 ? `nul\u0000${i}` : `plain ${i}` },
      metadata: i % 2 === 0 ? {} : { correlationId: `c-${i}` },
    }));
    await writer.append(stream, written);
    const forwards = await all(store.readStream(stream));
    expect(forwards.map((event) => event.revision)).toEqual(written.map((_, i) => BigInt(i)));
    expect(forwards.map((event) => event.data)).toEqual(written.map((event) => event.data));
    expect(forwards.map((event) => event.metadata)).toEqual(written.map((event) => event.metadata));
    expect(forwards.every((event) => event.recordedAt.getTime() === at.getTime())).toBe(true);
    expect(forwards.every((event) => typeof event.position === 'bigint')).toBe(true);
    const fromLog = await all(store.readAll({ filter: { streamPrefix: stream } }));
    expect(fromLog).toEqual(forwards);
    const backwards = await all(
      store.readStream(stream, { direction: 'backwards', from: 30n, maxCount: 25 }),
    );
    expect(backwards.map((event) => event.revision)).toEqual(
      Array.from({ length: 25 }, (_, i) => BigInt(30 - i)),
    );
  });

  it('recordedAt truncates a stored timestamp to the millisecond, before 1970 too, as pg’s own parser did', async () => {
    const stream = `clock-${Date.now()}`;
    const { position } = await writer.append(stream, [
      { type: 'a', data: {} },
      { type: 'b', data: {} },
    ]);
    const stamps = ['2024-01-01 00:00:00.123789+00', '1969-12-31 23:59:59.9995+00'];
    for (const [i, stamp] of stamps.entries())
      await writerPool.query(`update "${schema}".events set recorded_at = $1 where position = $2`, [
        stamp,
        (position - 1n + BigInt(i)).toString(),
      ]);
    const read = await all(store.readStream(stream));
    expect(read.map((event) => event.recordedAt.getTime())).toEqual([Date.UTC(2024, 0, 1, 0, 0, 0, 123), -1]);
  });

  it('recordedAt is exact to the millisecond for any timestamp from 1900 to 2105, whole milliseconds or not', async () => {
    const stream = `stamps-${Date.now()}`;
    const count = 400;
    const { position } = await writer.append(
      stream,
      Array.from({ length: count }, () => ({ type: 'stamped', data: {} })),
    );
    const first = position - BigInt(count - 1);
    // Microseconds since 1970, spread over the range; every other one a whole millisecond.
    const low = Date.UTC(1900, 0, 1) * 1000;
    const high = Date.UTC(2105, 11, 31) * 1000;
    let seed = 12345;
    const micros = Array.from({ length: count }, (_, i) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const at = low + Math.floor((seed / 2 ** 31) * (high - low));
      return i % 2 === 0 ? at - (((at % 1000) + 1000) % 1000) : at;
    });
    await writerPool.query(
      `update "${schema}".events e set recorded_at = timestamptz 'epoch' + u.micros * interval '1 microsecond'
         from unnest($1::bigint[], $2::bigint[]) u(position, micros) where e.position = u.position`,
      [micros.map((_, i) => (first + BigInt(i)).toString()), micros.map(String)],
    );
    const read = await all(store.readStream(stream));
    expect(read.map((event) => event.recordedAt.getTime())).toEqual(
      micros.map((value) => Math.floor(value / 1000)),
    );
  });

  it('positions past 2^53 and names JSON must escape read back exactly (each event travels as one JSON array)', async () => {
    // A schema of its own: the position sequence is moved past what a double holds exactly.
    const bigSchema = uniqueSchema('readbig');
    const big = new PostgresEventStore({ pool: writerPool, schema: bigSchema, pageSize: 2 });
    try {
      await big.migrate();
      await writerPool.query(`select setval('"${bigSchema}".events_position_seq', 9007199254740990, false)`);
      const stream = 'quote"back\\slash\nnewline-é';
      const written = Array.from({ length: 5 }, (_, i) => ({
        type: `t"${i}\t`,
        eventId: `id-\u0001-${i}`,
        data: { i },
      }));
      await big.append(stream, written);
      const read = await all(big.readStream(stream));
      expect(read.map((event) => event.position)).toEqual([
        9007199254740990n,
        9007199254740991n,
        9007199254740992n,
        9007199254740993n,
        9007199254740994n,
      ]);
      expect(read.map((event) => [event.streamId, event.type, event.eventId])).toEqual(
        written.map((event) => [stream, event.type, event.eventId]),
      );
      expect(await all(big.readAll({ from: 9007199254740992n }))).toEqual(read.slice(2));
    } finally {
      await big.close();
      await dropSchema(writerPool, bigSchema);
    }
  });
});
