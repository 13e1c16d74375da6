import type { RecordedEvent } from '@strata/core';
import { describe, expect, it } from 'vitest';
import {
  EventStoreDBAccessDeniedError,
  EventStoreDBUnavailableError,
} from '../errors/eventstoredb-errors.js';
import { useTestServer } from '../test-server/harness.js';

/** Pulls `count` events from a subscription's iterator. */
async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  while (out.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

const numbers = (events: readonly RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
const appendNumbers = (ns: number[]) => ns.map((n) => ({ type: 'sub.n', data: { n } }));

describe('EventStoreDBSubscription on the test server', () => {
  const harness = useTestServer();
  const fastReconnect = { initialDelayMs: 5, maxDelayMs: 20 };

  it('resumes after the test server stops and starts again on the same port: no loss, no duplicates', async () => {
    const store = harness.store({ reconnect: fastReconnect });
    await store.append('drop-1', appendNumbers([1, 2]));
    let caughtUp = 0;
    const subscription = store.subscribe({ filter: { category: 'drop' }, onCaughtUp: () => caughtUp++ });
    const iterator = subscription[Symbol.asyncIterator]();
    const before = await take(iterator, 2);
    await store.append('drop-2', appendNumbers([3]));
    expect(numbers(await take(iterator, 1))).toEqual([3]);

    const port = harness.server.port;
    await harness.server.stop();
    await harness.server.start(port);
    await store.append('drop-1', appendNumbers([4, 5]));
    const after = await take(iterator, 2);
    await store.append('drop-3', appendNumbers([6]));
    const live = await take(iterator, 1);
    await subscription.stop();

    expect(numbers([...before, ...after, ...live])).toEqual([1, 2, 4, 5, 6]);
    expect(caughtUp).toBe(1);
    expect((await iterator.next()).done).toBe(true);
  });

  it('a server-side filter on event types delivers only those types, live too', async () => {
    const store = harness.store();
    await store.append('types-1', [
      { type: 'types.wanted', data: { n: 1 } },
      { type: 'types.other', data: { n: 2 } },
    ]);
    const subscription = store.subscribe({ filter: { eventTypes: ['types.wanted'] } });
    const iterator = subscription[Symbol.asyncIterator]();
    expect(numbers(await take(iterator, 1))).toEqual([1]);
    await store.append('types-2', [
      { type: 'types.other', data: { n: 3 } },
      { type: 'types.wanted', data: { n: 4 } },
    ]);
    expect(numbers(await take(iterator, 1))).toEqual([4]);
    await subscription.stop();
  });

  it('starts at an event position (inclusive) and after a checkpoint (checkpoint + 1n)', async () => {
    const store = harness.store();
    await store.append('from-1', appendNumbers([1, 2, 3]));
    const [, second] = await take(
      store.subscribe({ filter: { category: 'from' } })[Symbol.asyncIterator](),
      2,
    );
    const at = store.subscribe({ from: second!.position, filter: { category: 'from' } });
    expect(numbers(await take(at[Symbol.asyncIterator](), 2))).toEqual([2, 3]);
    const after = store.subscribe({ from: second!.position + 1n, filter: { category: 'from' } });
    expect(numbers(await take(after[Symbol.asyncIterator](), 1))).toEqual([3]);
    await Promise.all([at.stop(), after.stop()]);
  });

  it('fails with the typed error when the server refuses the subscription', async () => {
    const store = harness.store();
    harness.server.failNext('read', 'access-denied');
    const subscription = store.subscribe();
    await expect(subscription[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(
      EventStoreDBAccessDeniedError,
    );
  });

  it('gives up with EventStoreDBUnavailableError after the configured reconnection attempts', async () => {
    const store = harness.store({ reconnect: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 } });
    await store.append('gone-1', appendNumbers([1]));
    const subscription = store.subscribe({ filter: { category: 'gone' } });
    const iterator = subscription[Symbol.asyncIterator]();
    expect(numbers(await take(iterator, 1))).toEqual([1]);
    const port = harness.server.port;
    await harness.server.stop();
    try {
      await expect(iterator.next()).rejects.toBeInstanceOf(EventStoreDBUnavailableError);
    } finally {
      await harness.server.start(port);
    }
  });
});
