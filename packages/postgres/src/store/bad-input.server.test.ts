import { randomUUID } from 'node:crypto';
import {
  AggregateRoot,
  InvalidStreamIdError,
  MalformedEventError,
  Repository,
  UnknownEventTypeError,
  defineEvent,
  defineEvents,
  type Draft,
  type EventOf,
  type RecordedEvent,
} from '@strata/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CorruptRowError, PostgresEventStore, PostgresStoreError, UnsupportedValueError } from '../index.js';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';

const pool = serverPool(4);
const schema = uniqueSchema('badinput');
const store = new PostgresEventStore({ pool, schema });

beforeAll(() => store.migrate());
afterAll(async () => {
  await store.close();
  await dropSchema(pool, schema);
  await pool.end();
});

async function read(streamId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

// Strings made of the characters jsonb and text are touchy about, and their look-alikes.
const touchyUnit = fc.constantFrom(
  '\u0000',
  '\ud800',
  '\udc00',
  '\\',
  '"',
  'u',
  '0',
  'a',
  'é',
  '😀',
  '\u2028',
);
const touchyJson = fc.jsonValue({ stringUnit: touchyUnit, maxDepth: 3 });

describe('NUL characters and lone surrogates', () => {
  it('data and metadata holding them round-trip exactly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(touchyJson, fc.string({ unit: touchyUnit }), async (data, note) => {
        const streamId = `nul-${randomUUID()}`;
        await store.append(streamId, [{ type: 'nul.tested', data, metadata: { note } }]);
        const [event] = await read(streamId);
        expect(event?.data).toEqual(JSON.parse(JSON.stringify(data)));
        expect(event?.metadata).toEqual({ note });
      }),
      { numRuns: 40 },
    );
  });

  it('a NUL in a string is kept, not cut and not refused, also in object keys and snapshots', async () => {
    const data = { 'key\u0000': 'a\u0000b', list: ['\u0000'], plain: 'x' };
    await store.append('nul-exact', [{ type: 'nul.exact', data }]);
    expect((await read('nul-exact'))[0]?.data).toEqual(data);
    await store.snapshots.save({
      streamId: 'nul-exact',
      version: 0n,
      schemaVersion: 1,
      state: data,
      takenAt: new Date(),
    });
    expect((await store.snapshots.load('nul-exact'))?.state).toEqual(data);
  });

  it('a NUL in a stream id, event type, event id or checkpoint name is a typed error that writes nothing', async () => {
    await expect(store.append('bad\u0000stream', [{ type: 't', data: {} }])).rejects.toBeInstanceOf(
      InvalidStreamIdError,
    );
    await expect(store.append('ok-stream', [{ type: 'bad\u0000type', data: {} }])).rejects.toMatchObject({
      constructor: MalformedEventError,
      path: 'type',
    });
    await expect(
      store.append('ok-stream', [{ type: 't', data: {}, eventId: 'id\u0000' }]),
    ).rejects.toMatchObject({
      constructor: MalformedEventError,
      path: 'eventId',
    });
    await expect(store.append('lone-\ud800', [{ type: 't', data: {} }])).rejects.toBeInstanceOf(
      InvalidStreamIdError,
    );
    await expect(store.checkpoints.save('cp\u0000', 1n)).rejects.toBeInstanceOf(UnsupportedValueError);
    expect(await read('ok-stream')).toEqual([]);
    // Reading a name no stream can have is empty, not a driver error.
    expect(await read('bad\u0000stream')).toEqual([]);
    const filtered: RecordedEvent[] = [];
    for await (const event of store.readAll({ filter: { streamPrefix: '\u0000', eventTypes: ['x\u0000'] } }))
      filtered.push(event);
    expect(filtered).toEqual([]);
  });
});

describe('hostile names', () => {
  const hostile = [
    "o'brien-1",
    'quote"d-1',
    "x'); drop table events; --",
    'percent%_-1',
    'back\\slash-1',
    '$1-$2',
    '😀-emoji',
    ' spaced -1 ',
  ];

  it('stream ids with quotes, SQL and LIKE wildcards are stored, read and filtered exactly', async () => {
    const prefix = `hostile${randomUUID().slice(0, 8)}`;
    for (const name of hostile) await store.append(`${prefix}${name}`, [{ type: name, data: { name } }]);
    for (const name of hostile) {
      const events = await read(`${prefix}${name}`);
      expect(events.map((event) => [event.streamId, event.type])).toEqual([[`${prefix}${name}`, name]]);
    }
    // `%` and `_` are not wildcards: the prefix matches only itself.
    const percent: string[] = [];
    for await (const event of store.readAll({ filter: { streamPrefix: `${prefix}percent%_` } }))
      percent.push(event.streamId);
    expect(percent).toEqual([`${prefix}percent%_-1`]);
    const byType: string[] = [];
    for await (const event of store.readAll({ filter: { streamPrefix: prefix, eventTypes: ["o'brien-1"] } }))
      byType.push(event.type);
    expect(byType).toEqual(["o'brien-1"]);
  });
});

describe('rows the store cannot read back', () => {
  it('a corrupt event row is a CorruptRowError naming its position, not a crash or a driver error', async () => {
    const { position } = await store.append('corrupt-1', [{ type: 'ok', data: { a: 1 } }]);
    await pool.query(`update "${schema}".events set metadata = '[1]' where position = $1`, [
      position.toString(),
    ]);
    const error = await read('corrupt-1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorruptRowError);
    expect(error).toMatchObject({ table: 'event', key: `at position ${position}` });
    await pool.query(
      `update "${schema}".events set metadata = '{}', nul_escaped = true, data = '"{not json"' where position = $1`,
      [position.toString()],
    );
    const escaped = await read('corrupt-1').catch((caught: unknown) => caught);
    expect(escaped).toMatchObject({
      code: 'CORRUPT_ROW',
      reason: 'data is marked escaped but is not JSON text',
    });
  });

  it('an unknown event type on read is the repository’s UnknownEventTypeError; the store returns it raw', async () => {
    const Opened = defineEvent('account.opened', z.object({ owner: z.string() }));
    const Events = defineEvents(Opened);
    class Account extends AggregateRoot<{ open: boolean }, EventOf<typeof Events>> {
      static readonly category = 'account';
      static readonly events = Events;
      protected initialState() {
        return { open: false };
      }
      protected apply(state: Draft<{ open: boolean }>): void {
        state.open = true;
      }
    }
    await store.append('account-u1', [
      { type: 'account.opened', data: { owner: 'ann' } },
      { type: 'account.renamed', data: { owner: 'bob' } },
    ]);
    expect((await read('account-u1')).map((event) => event.type)).toEqual([
      'account.opened',
      'account.renamed',
    ]);
    await expect(new Repository(store, Account).load('u1')).rejects.toBeInstanceOf(UnknownEventTypeError);
  });

  it('a driver error inside a unit of work is a PostgresStoreError with the SQLSTATE and the cause', async () => {
    const error = await store
      .transaction((tx) => tx.query('select 1 / 0'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error).toMatchObject({ sqlState: '22012' });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});
