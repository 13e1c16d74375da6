import { EventStoreDBClient } from '@eventstore/db-client';
import {
  createEventStore,
  defineEvent,
  defineEvents,
  registeredEventStoreSchemes,
  toArray,
  type EventStore,
} from '@strata/core';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStoreDBEventStore } from './index.js';
import { useTestServer } from './test-server/harness.js';

describe('importing @strata/eventstoredb', () => {
  const harness = useTestServer();
  const opened: EventStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  const open = (url: string, options: Record<string, unknown> = {}) => {
    const store = createEventStore(url, options);
    opened.push(store);
    return store;
  };

  it('registers esdb://, esdb+discover://, kurrentdb:// and kurrentdb+discover://', () => {
    expect(registeredEventStoreSchemes()).toEqual(
      expect.arrayContaining(['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:']),
    );
  });

  it.each([
    ['esdb://127.0.0.1:PORT?tls=false'],
    ['esdb+discover://127.0.0.1:PORT?tls=false'],
    ['kurrentdb://127.0.0.1:PORT?tls=false'],
  ])('createEventStore(%s) gives a working store', async (template) => {
    const store = open(template.replace('PORT', String(harness.server.port)));
    expect(store).toBeInstanceOf(EventStoreDBEventStore);
    const stream = `reg-${crypto.randomUUID()}`;
    await store.append(stream, [{ type: 'registered', data: {} }]);
    expect((await toArray(store.readStream(stream))).map((e) => e.type)).toEqual(['registered']);
  });

  it('uses an existing client when one is given, and leaves it open on close', async () => {
    const client = EventStoreDBClient.connectionString(harness.server.url);
    const store = createEventStore('esdb://ignored:1', { client });
    expect((store as EventStoreDBEventStore).client).toBe(client);
    await store.append('reg-client', [{ type: 'registered', data: {} }]);
    await store.close();
    const after = await client.appendToStream('reg-client', [], { expectedRevision: 0n });
    expect(after.success).toBe(true);
    await client.dispose();
  });

  it('passes the event definitions on, so appends are validated', async () => {
    const Registered = defineEvent('reg.registered', z.object({ who: z.string() }));
    const store = open(harness.server.url, { events: defineEvents(Registered) });
    await expect(store.append('reg-validated', [{ type: 'not.known', data: {} }])).rejects.toMatchObject({
      code: 'UNKNOWN_EVENT_TYPE',
    });
    await expect(
      store.append('reg-validated', [{ type: 'reg.registered', data: { who: 1 } }]),
    ).rejects.toMatchObject({
      code: 'EVENT_VALIDATION',
    });
    expect(await toArray(store.readStream('reg-validated'))).toEqual([]);
  });
});
