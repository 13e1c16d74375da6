import {
  AccessDeniedError,
  binaryEvent,
  jsonEvent,
  StreamDeletedError as ClientStreamDeletedError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { ConcurrencyError, toArray } from '@strata/core';
import { describe, expect, it } from 'vitest';
import {
  EventStoreDBAccessDeniedError,
  EventStoreDBAppendTooLargeError,
  EventStoreDBDeadlineError,
  EventStoreDBNotFoundError,
  EventStoreDBUnavailableError,
  StreamDeletedError,
} from '../errors/eventstoredb-errors.js';
import { uuidFromName } from '../events/event-id.js';
import { useTestServer } from '../test-server/harness.js';

async function rawRead(iterable: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const event of iterable) out.push(event);
  return out;
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('EventStoreDBEventStore on the test server (appends through %s)', (_name, batchAppend) => {
  const harness = useTestServer({ batchAppend });

  describe('positions', () => {
    it("are the $all commit positions the raw client sees, with gaps, and an append returns its last event's", async () => {
      const store = harness.store();
      const result = await store.append('pos-1', [
        { type: 'a', data: { n: 1 } },
        { type: 'b', data: { n: 2 } },
      ]);
      const raw = await rawRead(harness.raw().readStream('pos-1'));
      const rawPositions = raw.map((e) => e.event!.position!.commit);
      const strata = await toArray(store.readStream('pos-1'));
      expect(strata.map((e) => e.position)).toEqual(rawPositions);
      expect(result.position).toBe(rawPositions[1]);
      // Positions are byte offsets: the next one is never `position + 1n`.
      expect(rawPositions[1]! - rawPositions[0]!).toBeGreaterThan(1n);
    });

    it('reads $all from an event position (inclusive), from checkpoint + 1n, and from a position inside a record', async () => {
      const store = harness.store();
      await store.append(
        'pos-2',
        [1, 2, 3].map((n) => ({ type: 'pos.n', data: { n } })),
      );
      const events = await toArray(store.readAll({ filter: { streamPrefix: 'pos-2' } }));
      const second = events[1]!.position;
      const numbers = async (from: bigint) =>
        (await toArray(store.readAll({ from, filter: { streamPrefix: 'pos-2' } }))).map(
          (e) => (e.data as { n: number }).n,
        );
      expect(await numbers(second)).toEqual([2, 3]);
      expect(await numbers(second + 1n)).toEqual([3]);
      expect(await numbers(second + 2n)).toEqual([3]);
      const unfiltered = await toArray(store.readAll({ from: second + 2n, maxCount: 1 }));
      expect(unfiltered[0]!.eventId).toBe(events[2]!.eventId);
    });

    it('an idempotent re-append returns the position of the event it repeated', async () => {
      const store = harness.store();
      const batch = [{ type: 'a', data: {}, eventId: crypto.randomUUID() }];
      const first = await store.append('pos-3', batch, { expectedRevision: 'no_stream' });
      const again = await store.append('pos-3', batch, { expectedRevision: 'no_stream' });
      expect(again).toEqual(first);
    });
  });

  describe('the metadata layout', () => {
    it('writes correlation and causation as $correlationId/$causationId, other keys as they are, and $strata', async () => {
      const store = harness.store();
      const eventId = crypto.randomUUID();
      await store.append('layout-1', [
        {
          eventId,
          type: 'layout.made',
          data: { x: 1 },
          schemaVersion: 3,
          metadata: { correlationId: 'c-1', causationId: 'k-1', tenantId: 't-1', custom: { deep: true } },
        },
      ]);
      const [raw] = await rawRead(harness.raw().readStream('layout-1'));
      expect(raw!.event!.id).toBe(eventId);
      expect(raw!.event!.metadata).toEqual({
        $correlationId: 'c-1',
        $causationId: 'k-1',
        tenantId: 't-1',
        custom: { deep: true },
        $strata: { schemaVersion: 3 },
      });
      const [read] = await toArray(store.readStream('layout-1'));
      expect(read).toMatchObject({
        eventId,
        schemaVersion: 3,
        metadata: { correlationId: 'c-1', causationId: 'k-1', tenantId: 't-1', custom: { deep: true } },
      });
      expect(Object.isFrozen(read!.data)).toBe(true);
    });

    it('derives a stable UUID for an id that is not one, keeps the original, and stays idempotent', async () => {
      const store = harness.store();
      const batch = [{ eventId: 'order-42/created', type: 'order.created', data: {} }];
      await store.append('layout-2', batch);
      await store.append('layout-2', batch);
      const raw = await rawRead(harness.raw().readStream('layout-2'));
      expect(raw.map((e) => e.event!.id)).toEqual([uuidFromName('order-42/created')]);
      expect((raw[0]!.event!.metadata as { $strata: unknown }).$strata).toEqual({
        schemaVersion: 1,
        eventId: 'order-42/created',
      });
      expect((await toArray(store.readStream('layout-2'))).map((e) => e.eventId)).toEqual([
        'order-42/created',
      ]);
    });

    it('reads events other clients wrote without Strata metadata', async () => {
      const id = crypto.randomUUID();
      await harness
        .raw()
        .appendToStream('foreign-1', [
          jsonEvent({ id, type: 'foreign.json', data: { a: 1 } }),
          jsonEvent({ type: 'foreign.meta', data: {}, metadata: { $correlationId: 42, who: 'them' } }),
          jsonEvent({ type: 'foreign.array-meta', data: [1, 2], metadata: ['not', 'an', 'object'] }),
          binaryEvent({ type: 'foreign.binary', data: Uint8Array.from([1, 2, 3]) }),
        ]);
      const events = await toArray(harness.store().readStream('foreign-1'));
      expect(events.map((e) => [e.type, e.schemaVersion, e.revision])).toEqual([
        ['foreign.json', 1, 0n],
        ['foreign.meta', 1, 1n],
        ['foreign.array-meta', 1, 2n],
        ['foreign.binary', 1, 3n],
      ]);
      expect(events[0]).toMatchObject({ eventId: id, data: { a: 1 }, metadata: {} });
      expect(events[1]!.metadata).toEqual({ $correlationId: 42, who: 'them' });
      expect(events[2]!.metadata).toEqual({});
      expect(events[3]!.data).toEqual(Uint8Array.from([1, 2, 3]));
    });
  });

  describe('errors', () => {
    it('a wrong expected revision is a ConcurrencyError with the stream, the expectation and the actual revision', async () => {
      const store = harness.store();
      await store.append('err-1', [{ type: 'a', data: {} }]);
      const conflict = await rejection(
        store.append('err-1', [{ type: 'b', data: {} }], { expectedRevision: 7n }),
      );
      expect(conflict).toBeInstanceOf(ConcurrencyError);
      expect(conflict).toMatchObject({ streamId: 'err-1', expectedRevision: 7n, actualRevision: 0n });
      const missing = await rejection(
        store.append('err-missing', [{ type: 'b', data: {} }], { expectedRevision: 'stream_exists' }),
      );
      expect(missing).toMatchObject({ expectedRevision: 'stream_exists', actualRevision: -1n });
      const minusOne = await store.append('err-new', [{ type: 'b', data: {} }], { expectedRevision: -1n });
      expect(minusOne.nextExpectedRevision).toBe(0n);
    });

    it.each([
      ['access-denied', EventStoreDBAccessDeniedError, AccessDeniedError.name],
      ['unavailable', EventStoreDBUnavailableError, 'UnavailableError'],
      ['deadline-exceeded', EventStoreDBDeadlineError, 'DeadlineExceededError'],
      ['not-found', EventStoreDBNotFoundError, 'NotFoundError'],
    ] as const)(
      'a %s answer is a typed Strata error that keeps the client error as cause',
      async (fault, type, causeName) => {
        const store = harness.store();
        harness.server.failNext('read', fault);
        const error = await rejection(toArray(store.readStream('err-2')));
        expect(error).toBeInstanceOf(type);
        expect(error).toMatchObject({ streamId: 'err-2', operation: 'read' });
        expect(((error as Error).cause as Error).constructor.name).toBe(causeName);
      },
    );

    it('a tombstoned stream is a StreamDeletedError on append and on read', async () => {
      const store = harness.store();
      await store.append('err-3', [{ type: 'a', data: {} }]);
      await harness.raw().tombstoneStream('err-3');
      const onAppend = await rejection(store.append('err-3', [{ type: 'b', data: {} }]));
      expect(onAppend).toBeInstanceOf(StreamDeletedError);
      expect((onAppend as Error).cause).toBeInstanceOf(ClientStreamDeletedError);
      expect(await rejection(toArray(store.readStream('err-3')))).toMatchObject({
        code: 'STREAM_DELETED',
        streamId: 'err-3',
      });
    });
  });

  describe('streams and $all', () => {
    it('a $ce- category stream reads the category’s events, resolved, in their own streams', async () => {
      const store = harness.store();
      await store.append('parcel-1', [{ type: 'parcel.sent', data: {} }]);
      await store.append('parcel-2', [{ type: 'parcel.sent', data: {} }]);
      await store.append('parcel-1', [{ type: 'parcel.delivered', data: {} }]);
      const category = await toArray(store.readStream('$ce-parcel'));
      expect(category.map((e) => [e.streamId, e.revision, e.type])).toEqual([
        ['parcel-1', 0n, 'parcel.sent'],
        ['parcel-2', 0n, 'parcel.sent'],
        ['parcel-1', 1n, 'parcel.delivered'],
      ]);
    });

    it('readAll leaves out system events: metadata, links and tombstones', async () => {
      const store = harness.store();
      await store.append('sys-1', [{ type: 'sys.a', data: {} }]);
      await harness.raw().setStreamMetadata('sys-1', { maxCount: 5 });
      const all = await toArray(store.readAll());
      expect(all.length).toBeGreaterThan(0);
      expect(all.filter((e) => e.type.startsWith('$') || e.streamId.startsWith('$'))).toEqual([]);
    });

    it('a backwards read from a revision and a forwards read past the end', async () => {
      const store = harness.store();
      await store.append(
        'dir-1',
        [1, 2, 3].map((n) => ({ type: 'n', data: { n } })),
      );
      const back = await toArray(store.readStream('dir-1', { direction: 'backwards', from: 1n }));
      expect(back.map((e) => e.revision)).toEqual([1n, 0n]);
      expect(await toArray(store.readStream('dir-1', { from: 9n }))).toEqual([]);
      expect(await toArray(store.readStream('dir-1', { direction: 'backwards', from: -1n }))).toEqual([]);
    });
  });
});

describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('a server with a small maximum append size (%s)', (_name, batchAppend) => {
  const harness = useTestServer({ batchAppend, maxAppendSize: 2048 });

  it('refuses a larger append with EventStoreDBAppendTooLargeError and writes nothing', async () => {
    const store = harness.store();
    const big = { type: 'big', data: { text: 'x'.repeat(1500) } };
    const error = await rejection(store.append('big-1', [big, big]));
    expect(error).toBeInstanceOf(EventStoreDBAppendTooLargeError);
    expect(error).toMatchObject({ maxAppendSize: 2048, streamId: 'big-1' });
    expect(await toArray(store.readStream('big-1'))).toEqual([]);
    await store.append('big-1', [big]);
    expect(await toArray(store.readStream('big-1'))).toHaveLength(1);
  });
});

describe('a server that answers a repeated write without its position', () => {
  const harness = useTestServer({ repeatWithoutPosition: true });

  it('reads the position of the repeated event', async () => {
    const store = harness.store();
    const batch = [{ type: 'a', data: {}, eventId: crypto.randomUUID() }];
    const first = await store.append('repeat-1', batch);
    await store.append('repeat-1', [{ type: 'b', data: {} }]);
    expect(await store.append('repeat-1', batch)).toEqual(first);
  });
});

describe('appends over a dropped connection', () => {
  const harness = useTestServer();

  it('retries an append that failed on a dropped connection; the event lands once', async () => {
    const store = harness.store();
    harness.server.failNext('batchAppend', 'unavailable');
    const result = await store.append('retry-1', [{ type: 'a', data: {} }], {
      expectedRevision: 'no_stream',
    });
    expect(result.nextExpectedRevision).toBe(0n);
    expect(await toArray(store.readStream('retry-1'))).toHaveLength(1);
  });

  it('gives up with EventStoreDBUnavailableError when retries are off', async () => {
    const store = harness.store({ appendRetries: 0 });
    harness.server.failNext('batchAppend', 'unavailable');
    const error = await rejection(store.append('retry-2', [{ type: 'a', data: {} }]));
    expect(error).toBeInstanceOf(EventStoreDBUnavailableError);
    expect(await toArray(store.readStream('retry-2'))).toEqual([]);
  });
});
