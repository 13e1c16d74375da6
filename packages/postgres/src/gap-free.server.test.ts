import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@strata/core';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from './index.js';
import { dropSchema, serverPool, uniqueSchema } from './test-support/databases.js';

const pool = serverPool(20);
const schema = uniqueSchema('gapfree');
// A poll far longer than the test: a subscriber that did not wake on NOTIFY would time out.
const store = new PostgresEventStore({ pool, schema, pollIntervalMs: 3_600_000, pageSize: 7 });

afterAll(async () => {
  await store.close();
  await dropSchema(pool, schema);
  await pool.end();
});

/**
 * Polls (not the clock) until backend `pid` waits for an advisory lock, or `done()`.
 * True when it was seen waiting.
 */
async function waitsForAdvisoryLock(pid: number, done: () => boolean): Promise<boolean> {
  while (!done()) {
    const { rows } = await pool.query<{ waiting: boolean }>(
      `select exists (select 1 from pg_locks where pid = $1 and locktype = 'advisory' and not granted) as waiting`,
      [pid],
    );
    if (rows[0]?.waiting) return true;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return false;
}

describe('gap-free global order (server)', () => {
  it('12 concurrent writers and a live subscriber: every event once, in position order', async () => {
    await store.migrate();
    const writers = 12;
    const batchesPerWriter = 12;
    const expectedIds = new Set<string>();
    const received: RecordedEvent[] = [];
    let caughtUp!: () => void;
    const live = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = store.subscribe({ onCaughtUp: () => caughtUp() });
    const total = writers * batchesPerWriter * 3;
    const consumed = (async () => {
      for await (const event of subscription) {
        received.push(event);
        if (received.length === total) await subscription.stop();
      }
    })();
    await live;

    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let batch = 0; batch < batchesPerWriter; batch++) {
          const events = Array.from({ length: 3 }, (_, i) => {
            const eventId = randomUUID();
            expectedIds.add(eventId);
            return { eventId, type: 'gap.tested', data: { writer, batch, i } };
          });
          // Some batches commit slowly inside a unit of work, as a late committer would.
          if ((writer + batch) % 4 === 0) {
            await store.transaction(async (tx) => {
              await tx.append(`shared-${batch % 3}`, events);
              await tx.query('select pg_sleep(0.002)');
            });
          } else {
            await store.append(`writer-${writer}`, events);
          }
        }
      }),
    );
    await consumed;

    expect(received).toHaveLength(total);
    expect(new Set(received.map((event) => event.eventId))).toEqual(expectedIds);
    for (let i = 1; i < received.length; i++) {
      expect(received[i]!.position).toBeGreaterThan(received[i - 1]!.position);
    }
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    expect(all.map((event) => event.eventId)).toEqual(received.map((event) => event.eventId));
  });

  it('an append waits for an earlier uncommitted one, so readers never see the later one first', async () => {
    let releaseFirst!: () => void;
    const held = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstAppended!: () => void;
    const appended = new Promise<void>((resolve) => (firstAppended = resolve));
    const first = store.transaction(async (tx) => {
      const result = await tx.append('order-first', [{ type: 'gap.first', data: {} }]);
      firstAppended();
      await held;
      return result;
    });
    await appended;

    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      let settled = false;
      const second = client.query<{ last_position: string }>(
        `select last_position from "${schema}".append_events('order-second', 'any', null, now(),
           array['${randomUUID()}'], array['gap.second'], array[1], array['{}'], array['{}'], array[false])`,
      );
      second.then(
        () => (settled = true),
        () => (settled = true),
      );
      // Without the append lock the second would commit now, ahead of the first's position.
      expect(await waitsForAdvisoryLock(rows[0]!.pid, () => settled)).toBe(true);
      const during: RecordedEvent[] = [];
      for await (const event of store.readAll({ filter: { streamPrefix: 'order-' } })) during.push(event);
      expect(during).toEqual([]);

      releaseFirst();
      const firstResult = await first;
      const secondPosition = BigInt((await second).rows[0]!.last_position);
      expect(secondPosition).toBeGreaterThan(firstResult.position);
      const after: string[] = [];
      for await (const event of store.readAll({ filter: { streamPrefix: 'order-' } }))
        after.push(event.streamId);
      expect(after).toEqual(['order-first', 'order-second']);
    } finally {
      releaseFirst();
      client.release();
    }
  });
});
