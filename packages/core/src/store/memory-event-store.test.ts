import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../errors/concurrency-error.js';
import { EventTooLargeError } from '../errors/event-too-large-error.js';
import { EventValidationError } from '../errors/event-validation-error.js';
import { MalformedEventError } from '../errors/malformed-event-error.js';
import { StoreClosedError } from '../errors/store-errors.js';
import { UnknownEventTypeError } from '../errors/unknown-event-type-error.js';
import type { EventInput, RecordedEvent } from '../events/event.js';
import { AccountEvents } from '../fixtures/loyalty-account.js';
import { sequentialIds } from '../providers/ids.js';
import { steppingClock } from '../providers/clock.js';
import { toArray } from './async-iterables.js';
import type { ExpectedRevision } from './expected-revision.js';
import { MemoryEventStore } from './memory-event-store.js';

const ev = (n: number, type = 'test.happened'): EventInput => ({ type, data: { n } });

const expectedArbitrary: fc.Arbitrary<ExpectedRevision> = fc.oneof(
  fc.constantFrom<ExpectedRevision>('any', 'no_stream', 'stream_exists'),
  fc.integer({ min: -1, max: 4 }).map((n) => BigInt(n)),
);

describe('MemoryEventStore', () => {
  it('property: read-your-writes for every expected-revision case, against a model', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            stream: fc.constantFrom('s-1', 's-2'),
            expected: expectedArbitrary,
            count: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: 25 },
        ),
        async (ops) => {
          const store = new MemoryEventStore();
          const model = new Map<string, number[]>();
          let counter = 0;
          let position = -1n;
          for (const op of ops) {
            const current = model.get(op.stream) ?? [];
            const last = BigInt(current.length - 1);
            const ok =
              op.expected === 'any' ||
              (op.expected === 'no_stream' && current.length === 0) ||
              (op.expected === 'stream_exists' && current.length > 0) ||
              op.expected === last;
            const batch = Array.from({ length: op.count }, () => ev(counter++));
            const attempt = store.append(op.stream, batch, { expectedRevision: op.expected });
            if (ok) {
              const result = await attempt;
              const values = batch.map((e) => (e.data as { n: number }).n);
              model.set(op.stream, [...current, ...values]);
              expect(result.nextExpectedRevision).toBe(BigInt(current.length + values.length - 1));
              if (values.length) {
                expect(result.position).toBeGreaterThan(position);
                position = result.position;
              }
            } else {
              const error: unknown = await attempt.then(
                () => undefined,
                (e: unknown) => e,
              );
              expect(error).toBeInstanceOf(ConcurrencyError);
              expect(error).toMatchObject({
                streamId: op.stream,
                expectedRevision: op.expected,
                actualRevision: last,
              });
            }
            for (const [stream, values] of model) {
              const read = await toArray(store.readStream(stream));
              expect(read.map((e) => (e.data as { n: number }).n)).toEqual(values);
              expect(read.map((e) => e.revision)).toEqual(values.map((_, i) => BigInt(i)));
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('property: an invalid or oversized event anywhere in a batch writes nothing', async () => {
    const bad = fc.constantFrom<[unknown, new (...args: never[]) => Error]>(
      [null, MalformedEventError],
      [{ data: {} }, MalformedEventError],
      [{ type: 'loyalty.customer.enrolled', data: { f: () => 1 } }, MalformedEventError],
      [{ type: 'loyalty.customer.enrolled', data: { n: 1n } }, MalformedEventError],
      [
        { type: 'loyalty.customer.enrolled', data: { accountId: 'a', programId: 'x'.repeat(1024 * 1024) } },
        EventTooLargeError,
      ],
      [
        {
          type: 'loyalty.points.earned',
          data: { accountId: 'a', points: -1, reason: 'r' },
          schemaVersion: 2,
        },
        EventValidationError,
      ],
      [{ type: 'not.in.the.set', data: {} }, UnknownEventTypeError],
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 5 }),
        fc.nat({ max: 5 }),
        bad,
        async (before, after, [badEvent, errorClass]) => {
          const store = new MemoryEventStore({ events: AccountEvents });
          const good = (i: number) => ({
            type: 'loyalty.customer.enrolled',
            data: { accountId: `a${i}`, programId: 'p' },
          });
          await store.append('s-1', [good(0)]);
          const batch = [
            ...Array.from({ length: before }, (_, i) => good(i)),
            badEvent,
            ...Array.from({ length: after }, (_, i) => good(i)),
          ] as EventInput[];
          await expect(store.append('s-1', batch)).rejects.toBeInstanceOf(errorClass);
          expect(await toArray(store.readStream('s-1'))).toHaveLength(1);
          expect(await toArray(store.readAll())).toHaveLength(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('records ids, revisions, positions, times and metadata, and freezes what it keeps', async () => {
    const store = new MemoryEventStore({
      ids: sequentialIds(),
      clock: steppingClock('2024-05-01T00:00:00Z'),
    });
    const data = { n: 1, nested: { list: [1, 2] } };
    await store.append('s-1', [{ type: 't', data, metadata: { correlationId: 'c', custom: { k: 1 } } }]);
    data.nested.list.push(3);
    const [event] = await toArray(store.readStream('s-1'));
    expect(event).toEqual({
      eventId: '00000000-0000-4000-8000-000000000001',
      streamId: 's-1',
      revision: 0n,
      position: 0n,
      recordedAt: new Date('2024-05-01T00:00:00Z'),
      schemaVersion: 1,
      type: 't',
      data: { n: 1, nested: { list: [1, 2] } },
      metadata: { correlationId: 'c', custom: { k: 1 } },
    });
    expect(Object.isFrozen((event!.data as { nested: object }).nested)).toBe(true);
  });

  it('treats a repeated batch with the same event ids as idempotent, for fixed and any expectations', async () => {
    const store = new MemoryEventStore();
    const batch = [
      { ...ev(1), eventId: 'id-1' },
      { ...ev(2), eventId: 'id-2' },
    ];
    const first = await store.append('s-1', batch, { expectedRevision: 'no_stream' });
    await store.append('s-1', [ev(3)]);
    expect(await store.append('s-1', batch, { expectedRevision: 'no_stream' })).toEqual(first);
    expect(await store.append('s-1', batch, { expectedRevision: 'any' })).toEqual(first);
    expect(await toArray(store.readStream('s-1'))).toHaveLength(3);
    // Only part of a landed batch is a conflict, not a repeat.
    await expect(
      store.append(
        's-1',
        [
          { ...ev(1), eventId: 'id-1' },
          { ...ev(9), eventId: 'id-9' },
        ],
        { expectedRevision: 'any' },
      ),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    // The same id in another stream is a new event there.
    await store.append('s-2', [{ ...ev(1), eventId: 'id-1' }]);
    expect(await toArray(store.readStream('s-2'))).toHaveLength(1);
  });

  it('reads a stream forwards, backwards, from a revision and with a maximum', async () => {
    const store = new MemoryEventStore();
    await store.append(
      's-1',
      [0, 1, 2, 3, 4].map((n) => ev(n)),
    );
    const ns = async (it: AsyncIterable<RecordedEvent>) =>
      (await toArray(it)).map((e) => (e.data as { n: number }).n);
    expect(await ns(store.readStream('s-1'))).toEqual([0, 1, 2, 3, 4]);
    expect(await ns(store.readStream('s-1', { from: 2n }))).toEqual([2, 3, 4]);
    expect(await ns(store.readStream('s-1', { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
    expect(await ns(store.readStream('s-1', { direction: 'backwards', from: 1n }))).toEqual([1, 0]);
    expect(await ns(store.readStream('s-1', { maxCount: 2 }))).toEqual([0, 1]);
    expect(await ns(store.readStream('s-1', { from: 9n }))).toEqual([]);
    expect(await ns(store.readStream('missing'))).toEqual([]);
  });

  it('reads all in position order with from, maxCount and filters', async () => {
    const store = new MemoryEventStore();
    await store.append('order-1', [ev(0, 'order.placed')]);
    await store.append('cart-1', [ev(1, 'cart.opened')]);
    await store.append('order-2', [ev(2, 'order.placed'), ev(3, 'order.paid')]);
    const ns = async (it: AsyncIterable<RecordedEvent>) =>
      (await toArray(it)).map((e) => (e.data as { n: number }).n);
    expect(await ns(store.readAll())).toEqual([0, 1, 2, 3]);
    expect(await ns(store.readAll({ from: 2n }))).toEqual([2, 3]);
    expect(await ns(store.readAll({ maxCount: 3 }))).toEqual([0, 1, 2]);
    expect(await ns(store.readAll({ filter: { category: 'order' } }))).toEqual([0, 2, 3]);
    expect(await ns(store.readAll({ filter: { streamPrefix: 'order-2' } }))).toEqual([2, 3]);
    expect(await ns(store.readAll({ filter: { eventTypes: ['order.paid', 'cart.opened'] } }))).toEqual([
      1, 3,
    ]);
    expect(
      await ns(store.readAll({ filter: { category: 'order', eventTypes: ['order.placed'] }, maxCount: 1 })),
    ).toEqual([0]);
  });

  it('subscribes: catches up, goes live under concurrent writers, every event once and in order', async () => {
    const store = new MemoryEventStore();
    await store.append('w-0', [ev(-1)]);
    let caughtUp = 0;
    const subscription = store.subscribe({ onCaughtUp: () => caughtUp++ });
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 25; i++) {
        await store.append(`w-${w}`, [ev(w * 100 + i)]);
        if (i % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    });
    const seen: bigint[] = [];
    const reading = (async () => {
      for await (const event of subscription) {
        seen.push(event.position);
        if (seen.length === 101) await subscription.stop();
      }
    })();
    await Promise.all(writers);
    await reading;
    expect(seen).toEqual(Array.from({ length: 101 }, (_, i) => BigInt(i)));
    expect(caughtUp).toBe(1);
  });

  it('stop() ends a subscription waiting for events', async () => {
    const store = new MemoryEventStore();
    const subscription = store.subscribe({ filter: { category: 'x' } });
    const iterator = subscription[Symbol.asyncIterator]();
    const pending = iterator.next();
    await store.append('y-1', [ev(1)]);
    await subscription.stop();
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  it('refuses work after close and ends its subscriptions', async () => {
    const store = new MemoryEventStore();
    const subscription = store.subscribe();
    const pending = subscription[Symbol.asyncIterator]().next();
    await store.close();
    expect((await pending).done).toBe(true);
    await expect(store.append('s', [ev(1)])).rejects.toBeInstanceOf(StoreClosedError);
  });

  it('draws event ids only for batches that are written', async () => {
    const store = new MemoryEventStore({ ids: sequentialIds() });
    await expect(store.append('s-1', [ev(1), { type: '', data: {} }])).rejects.toBeInstanceOf(
      MalformedEventError,
    );
    await store.append('s-1', [ev(2)]);
    const [event] = await toArray(store.readStream('s-1'));
    expect(event!.eventId).toBe('00000000-0000-4000-8000-000000000001');
  });
});
