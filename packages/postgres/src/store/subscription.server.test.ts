import type { RecordedEvent } from '@strata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../index.js';
import { channelOf } from '../schema/schema-names.js';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';

const pool = serverPool(4);
const schema = uniqueSchema('live');
// The safety poll is longer than any test: only a NOTIFY (or a reconnect) can wake a subscriber.
const store = new PostgresEventStore({ pool, schema, pollIntervalMs: 3_600_000 });

beforeAll(() => store.migrate());
afterAll(async () => {
  await store.close();
  await dropSchema(pool, schema);
  await pool.end();
});

/** Subscribes from the start and resolves once caught up; `next(n)` awaits the next n events. */
async function liveSubscriber(streamPrefix: string) {
  let caughtUp!: () => void;
  const live = new Promise<void>((resolve) => (caughtUp = resolve));
  const subscription = store.subscribe({ filter: { streamPrefix }, onCaughtUp: () => caughtUp() });
  const iterator = subscription[Symbol.asyncIterator]();
  const first = iterator.next();
  await live;
  let pending: Promise<IteratorResult<RecordedEvent>> | undefined = first;
  return {
    subscription,
    async next(): Promise<RecordedEvent> {
      const result = await (pending ?? iterator.next());
      pending = undefined;
      if (result.done) throw new Error('the subscription ended');
      return result.value;
    },
  };
}

describe('live subscriptions (server)', () => {
  it('wake on NOTIFY when an append commits', async () => {
    const live = await liveSubscriber('notify-');
    await store.append('notify-1', [{ type: 'woke', data: { n: 1 } }]);
    expect((await live.next()).data).toEqual({ n: 1 });
    await store.append('notify-1', [{ type: 'woke', data: { n: 2 } }]);
    expect((await live.next()).data).toEqual({ n: 2 });
    await live.subscription.stop();
  });

  it('keep delivering after the LISTEN connection is killed: the listener reconnects and reads', async () => {
    const live = await liveSubscriber('relisten-');
    const { rows } = await pool.query<{ pid: number }>(`select pid from pg_stat_activity where query = $1`, [
      `LISTEN "${channelOf(schema)}"`,
    ]);
    expect(rows).toHaveLength(1);
    await pool.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    await store.append('relisten-1', [{ type: 'after.kill', data: {} }]);
    expect((await live.next()).type).toBe('after.kill');
    await live.subscription.stop();
  });

  it('stop() ends a pending wait promptly', async () => {
    const live = await liveSubscriber('stopped-');
    const pending = live.next().catch((error: unknown) => error);
    await live.subscription.stop();
    expect(await pending).toEqual(new Error('the subscription ended'));
  });
});
