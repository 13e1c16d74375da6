import {
  EventStoreDBClient,
  FORWARDS,
  BACKWARDS,
  END,
  START,
  jsonEvent,
  WrongExpectedVersionError,
  StreamDeletedError,
  StreamNotFoundError,
  AccessDeniedError,
  streamNameFilter,
  eventTypeFilter,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from './test-server.js';

async function collect(iterable: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const event of iterable) out.push(event);
  return out;
}

const event = (type: string, data: Record<string, unknown> = {}, id?: string) =>
  jsonEvent({ type, data, ...(id ? { id } : {}) });

describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('the test server, appending through %s', (_name, batchAppend) => {
  const server = new TestServer({ batchAppend });
  let client: EventStoreDBClient;
  beforeAll(async () => {
    await server.start();
    client = EventStoreDBClient.connectionString(server.url);
  });
  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  it('appends and reads a stream forwards and backwards with revisions', async () => {
    const first = await client.appendToStream('order-1', [event('a'), event('b')], {
      expectedRevision: 'no_stream',
    });
    expect(first.nextExpectedRevision).toBe(1n);
    expect(first.position!.commit).toBeGreaterThan(0n);
    const forwards = await collect(
      client.readStream('order-1', { direction: FORWARDS, fromRevision: START }),
    );
    expect(forwards.map((e) => [e.event!.type, e.event!.revision])).toEqual([
      ['a', 0n],
      ['b', 1n],
    ]);
    const backwards = await collect(
      client.readStream('order-1', { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    expect(backwards.map((e) => e.event!.type)).toEqual(['b']);
  });

  it('takes a batch the client splits into several BatchAppend chunks as one write', async () => {
    // The client cuts batch appends at 3 MiB (`batchAppendSize`); this batch needs two chunks.
    const big = (n: number) => event('big', { n, text: 'x'.repeat(1024 * 1024) });
    const result = await client.appendToStream('bulk-1', [big(1), big(2), big(3), big(4)]);
    expect(result.nextExpectedRevision).toBe(3n);
    const read = await collect(client.readStream('bulk-1'));
    expect(read.map((e) => (e.event!.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
  });

  it('makes the client append through BatchAppend exactly when ServerFeatures lists it', async () => {
    const before = { ...server.calls };
    await client.appendToStream('features-1', [event('a')]);
    // BatchAppend is one long-lived call that carries every append; Append is a call each.
    expect(server.calls.append - before.append).toBe(batchAppend ? 0 : 1);
    expect(server.calls.batchAppend > 0).toBe(batchAppend);
  });

  it('reads $all backwards from the end', async () => {
    await client.appendToStream('tail-1', [event('last-one')]);
    const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    expect(last!.event!.streamId).toBe('$ce-tail');
    const userEvents = (
      await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 5 }))
    ).filter((e) => !e.event!.type.startsWith('$'));
    expect(userEvents[0]!.event!.type).toBe('last-one');
  });

  it('catches a stream subscription up, signals it, then delivers live events of that stream only', async () => {
    await client.appendToStream('watch-1', [event('a'), event('b')]);
    const subscription = client.subscribeToStream('watch-1', { fromRevision: 0n });
    const seen: string[] = [];
    let caughtUp = false;
    await new Promise<void>((resolve) => {
      subscription.on('data', (e: ResolvedEvent) => {
        seen.push(e.event!.type);
        if (caughtUp && seen.length === 2) resolve();
      });
      subscription.on('caughtUp', () => {
        caughtUp = true;
        void client.appendToStream('watch-2', [event('elsewhere')]);
        void client.appendToStream('watch-1', [event('c')]);
      });
    });
    // From revision 0 is exclusive: the subscription starts after it.
    expect(seen).toEqual(['b', 'c']);
    await subscription.unsubscribe();
  });

  it('answers a wrong expected revision with the current revision, and no_stream as no stream', async () => {
    await client.appendToStream('order-2', [event('a')]);
    const conflict = await client
      .appendToStream('order-2', [event('b')], { expectedRevision: 5n })
      .catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
    expect((conflict as WrongExpectedVersionError).actualVersion).toBe(0n);
    expect((conflict as WrongExpectedVersionError).expectedVersion).toBe(5n);
    const missing = await client
      .appendToStream('order-missing', [event('b')], { expectedRevision: 'stream_exists' })
      .catch((error: unknown) => error);
    expect((missing as WrongExpectedVersionError).actualVersion).toBe('no_stream');
  });

  it('treats a re-append of the same event ids as idempotent, and a partial one as a conflict', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const batch = () => [event('a', {}, ids[0]), event('b', {}, ids[1])];
    await client.appendToStream('order-3', batch(), { expectedRevision: 'no_stream' });
    const again = await client.appendToStream('order-3', batch(), { expectedRevision: 'no_stream' });
    expect(again.nextExpectedRevision).toBe(1n);
    const anyAgain = await client.appendToStream('order-3', batch(), { expectedRevision: 'any' });
    expect(anyAgain.nextExpectedRevision).toBe(1n);
    expect(await collect(client.readStream('order-3'))).toHaveLength(2);
    const partial = await client
      .appendToStream('order-3', [event('a', {}, ids[0]), event('c')], { expectedRevision: 'any' })
      .catch((error: unknown) => error);
    expect(partial).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('gives $all events increasing commit positions that a read can start from', async () => {
    const all = (await collect(client.readAll({ fromPosition: START }))).filter(
      (e) => !e.event!.type.startsWith('$'),
    );
    const positions = all.map((e) => e.event!.position!.commit);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    const third = all[2]!.event!.position!;
    const from = await collect(client.readAll({ fromPosition: third, maxCount: 1 }));
    expect(from[0]!.event!.id).toBe(all[2]!.event!.id);
    expect(from[0]!.commitPosition).toBe(third.commit);
  });

  it('rejects a $all read from a position inside a record', async () => {
    const [first] = await collect(client.readAll({ fromPosition: START, maxCount: 1 }));
    const inside = {
      commit: first!.event!.position!.commit + 1n,
      prepare: first!.event!.position!.prepare + 1n,
    };
    await expect(collect(client.readAll({ fromPosition: inside }))).rejects.toThrow(/invalid position/);
  });

  it('resolves $ce- category links to the original events', async () => {
    await client.appendToStream('invoice-1', [event('issued')]);
    await client.appendToStream('invoice-2', [event('issued'), event('paid')]);
    const category = await collect(client.readStream('$ce-invoice', { resolveLinkTos: true }));
    expect(category.map((e) => [e.event!.streamId, e.event!.revision, e.link!.type])).toEqual([
      ['invoice-1', 0n, '$>'],
      ['invoice-2', 0n, '$>'],
      ['invoice-2', 1n, '$>'],
    ]);
    const unresolved = await collect(client.readStream('$ce-invoice', { maxCount: 1 }));
    expect(unresolved[0]!.event!.type).toBe('$>');
  });

  it('keeps stream metadata in the $$ stream and applies $maxCount to reads', async () => {
    await client.appendToStream('counter-1', [
      event('n', { n: 1 }),
      event('n', { n: 2 }),
      event('n', { n: 3 }),
    ]);
    await client.setStreamMetadata('counter-1', { maxCount: 1 });
    expect((await client.getStreamMetadata('counter-1')).metadata?.maxCount).toBe(1);
    const visible = await collect(client.readStream('counter-1'));
    expect(visible.map((e) => e.event!.data)).toEqual([{ n: 3 }]);
  });

  it('reads a missing stream as StreamNotFound', async () => {
    await expect(collect(client.readStream('nobody-here'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('hides a soft-deleted stream and brings it back at the next revision', async () => {
    await client.appendToStream('cart-1', [event('a'), event('b')]);
    await client.deleteStream('cart-1');
    await expect(collect(client.readStream('cart-1'))).rejects.toBeInstanceOf(StreamNotFoundError);
    const again = await client.appendToStream('cart-1', [event('c')]);
    expect(again.nextExpectedRevision).toBe(2n);
    expect((await collect(client.readStream('cart-1'))).map((e) => e.event!.type)).toEqual(['c']);
  });

  it('follows KurrentDB on soft deletes: never-existed fails, metadata is replaced, no_stream recreates', async () => {
    const never = await client.deleteStream('cart-never').catch((error: unknown) => error);
    expect(never).toBeInstanceOf(WrongExpectedVersionError);
    await client.appendToStream('cart-3', [event('a'), event('b')]);
    await client.setStreamMetadata('cart-3', { maxCount: 5 });
    await client.deleteStream('cart-3');
    expect((await client.getStreamMetadata('cart-3')).metadata?.maxCount).toBeUndefined();
    const exists = await client
      .appendToStream('cart-3', [event('x')], { expectedRevision: 'stream_exists' })
      .catch((error: unknown) => error);
    expect(exists).toBeInstanceOf(WrongExpectedVersionError);
    const again = await client.appendToStream('cart-3', [event('c')], { expectedRevision: 'no_stream' });
    expect(again.nextExpectedRevision).toBe(2n);
    expect((await client.getStreamMetadata('cart-3')).metadata?.truncateBefore).toBe(2);
  });

  it('answers a repeated write with the position of the event it repeated', async () => {
    const id = crypto.randomUUID();
    const first = await client.appendToStream('order-5', [event('a', {}, id)]);
    await client.appendToStream('order-5', [event('b')]);
    const again = await client.appendToStream('order-5', [event('a', {}, id)]);
    expect(again.nextExpectedRevision).toBe(0n);
    expect(again.position).toEqual(first.position);
  });

  it('refuses reads and writes of a tombstoned stream', async () => {
    await client.appendToStream('cart-2', [event('a')]);
    await client.tombstoneStream('cart-2');
    await expect(collect(client.readStream('cart-2'))).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(client.appendToStream('cart-2', [event('b')])).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('filters $all subscriptions by stream prefix and event type regex, then signals caught up', async () => {
    await client.appendToStream('ship-1', [event('shipped'), event('lost')]);
    const byPrefix = client.subscribeToAll({ filter: streamNameFilter({ prefixes: ['ship-'] }) });
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      byPrefix.on('data', (e: ResolvedEvent) => seen.push(`${e.event!.streamId}:${e.event!.type}`));
      byPrefix.on('caughtUp', () => resolve());
    });
    expect(seen).toEqual(['ship-1:shipped', 'ship-1:lost']);
    await client.appendToStream('ship-2', [event('shipped')]);
    await client.appendToStream('other-1', [event('shipped')]);
    await new Promise<void>((resolve) => {
      const check = () => (seen.length === 3 ? resolve() : setImmediate(check));
      check();
    });
    expect(seen[2]).toBe('ship-2:shipped');
    await byPrefix.unsubscribe();

    const byType = client.subscribeToAll({ filter: eventTypeFilter({ regex: '^lost$' }) });
    const types: string[] = [];
    await new Promise<void>((resolve) => {
      byType.on('data', (e: ResolvedEvent) => types.push(e.event!.streamId));
      byType.on('caughtUp', () => resolve());
    });
    expect(types).toEqual(['ship-1']);
    await byType.unsubscribe();
  });

  it('answers injected faults the way the real server does', async () => {
    server.failNext('read', 'access-denied');
    await expect(collect(client.readStream('order-1'))).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe('the test server, discovered through gossip', () => {
  it('lets esdb+discover:// find the one leader', async () => {
    const server = new TestServer();
    await server.start();
    const client = EventStoreDBClient.connectionString(`esdb+discover://127.0.0.1:${server.port}?tls=false`);
    try {
      await client.appendToStream('gossip-1', [event('a')]);
      expect(await collect(client.readStream('gossip-1'))).toHaveLength(1);
    } finally {
      await client.dispose();
      await server.stop();
    }
  });
});
