import { PGlite } from '@electric-sql/pglite';
import type { EventSet, RecordedEvent } from '@strata/core';
import {
  describeCheckpointStoreContract,
  describeEventStoreContract,
  describeSnapshotStoreContract,
} from '@strata/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from './index.js';
import { uniqueSchema } from './test-support/databases.js';

// One PGlite for the file (it takes seconds to start); each suite gets its own schema.
const pglite = new PGlite();
const stores: PostgresEventStore[] = [];
const storeFor = (schema: string, extra: { events?: readonly EventSet[]; pollIntervalMs?: number } = {}) => {
  const store = new PostgresEventStore({ pglite, schema, ...extra });
  stores.push(store);
  return store;
};
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await pglite.close();
});

const eventsSchema = uniqueSchema('pglite');
describeEventStoreContract('PostgresEventStore (PGlite)', ({ events }) =>
  storeFor(eventsSchema, events ? { events } : {}),
);
describeCheckpointStoreContract(
  'PostgresCheckpointStore (PGlite)',
  () => storeFor(uniqueSchema('pglite')).checkpoints,
);
describeSnapshotStoreContract(
  'PostgresSnapshotStore (PGlite)',
  () => storeFor(uniqueSchema('pglite')).snapshots,
);

async function read(store: PostgresEventStore, streamId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

describe('PGlite specifics', () => {
  it('keeps NUL characters and lone surrogates exactly', async () => {
    const store = storeFor(uniqueSchema('pglite'));
    const data = { text: 'a\u0000b', lone: '\ud800', 'k\u0000': 1 };
    await store.append('nul-1', [{ type: 'nul', data, metadata: { note: '\u0000' } }]);
    const [event] = await read(store, 'nul-1');
    expect(event?.data).toEqual(data);
    expect(event?.metadata).toEqual({ note: '\u0000' });
  });

  it('wakes live subscriptions with NOTIFY (no poll within the test)', async () => {
    const store = storeFor(uniqueSchema('pglite'), { pollIntervalMs: 3_600_000 });
    let caughtUp!: () => void;
    const live = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = store.subscribe({ onCaughtUp: () => caughtUp() });
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    await live;
    await store.append('live-1', [{ type: 'woke', data: {} }]);
    expect((await next).value).toMatchObject({ streamId: 'live-1', type: 'woke' });
    await subscription.stop();
  });

  it('runs a unit of work as one transaction', async () => {
    const store = storeFor(uniqueSchema('pglite'));
    await expect(
      store.transaction(async (tx) => {
        await tx.append('uow-1', [{ type: 'kept', data: {} }]);
        await tx.checkpoints.save('p', 0n);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await read(store, 'uow-1')).toEqual([]);
    expect(await store.checkpoints.load('p')).toBeUndefined();
    await store.transaction(async (tx) => {
      await tx.append('uow-1', [{ type: 'kept', data: {} }]);
      await tx.checkpoints.save('p', 0n);
    });
    expect(await read(store, 'uow-1')).toHaveLength(1);
    expect(await store.checkpoints.load('p')).toBe(0n);
  });
});

describe('schemaStatus (PGlite)', () => {
  it('reads the schema version without migrating, then sees the migrated one', async () => {
    const store = new PostgresEventStore({ pglite, schema: uniqueSchema('status'), autoMigrate: false });
    stores.push(store);
    const before = await store.schemaStatus();
    expect(before.version).toBeUndefined();
    expect(before.latest).toBeGreaterThanOrEqual(2);
    // Reading the status changed nothing: still no schema.
    expect((await store.schemaStatus()).version).toBeUndefined();
    const report = await store.migrate();
    expect(await store.schemaStatus()).toEqual({ version: report.version, latest: before.latest });
  });
});
