import { MemoryCheckpointStore, MemoryEventStore, toArray } from '@strata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InProcessBus } from '../bus/in-process-bus.js';
import { idempotent } from '../idempotency/idempotent.js';
import { MemoryIdempotencyStore } from '../idempotency/memory-idempotency-store.js';
import type { IntegrationMessage } from '../message/integration-message.js';
import type { Publisher } from '../message/publisher.js';
import { deferred, loyaltyMapping } from '../test-support/fixtures.js';
import { OutboxRelay } from './outbox-relay.js';

/** Hands the message on, then never returns: the process "dies" after the receiver got it, before the checkpoint. */
class CrashingAfter implements Publisher {
  readonly name = 'crashing';
  #left: number;
  readonly crashed = deferred();
  constructor(
    readonly inner: Publisher,
    crashOnPublish: number,
  ) {
    this.#left = crashOnPublish;
  }
  async publish(message: IntegrationMessage): Promise<void> {
    await this.inner.publish(message);
    if (--this.#left === 0) {
      this.crashed.resolve();
      await new Promise<never>(() => undefined);
    }
  }
}

describe('relay crash', () => {
  it('property: a relay abandoned mid-delivery and replaced delivers every message at least once, and idempotent receivers process each exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.boolean()), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 20 }),
        async (writes, crashAt) => {
          const store = new MemoryEventStore();
          for (const [account, close] of writes) {
            await store.append(`loyaltyAccount-${account}`, [
              close
                ? { type: 'loyalty.account.closed', data: { accountId: account } }
                : { type: 'loyalty.points.earned', data: { accountId: account, points: 1, reason: 'r' } },
            ]);
          }
          const expected = (await toArray(store.readAll())).flatMap((e) =>
            loyaltyMapping.map(e).map((m) => m.id),
          );
          const bus = new InProcessBus();
          const received: string[] = [];
          const processed: string[] = [];
          const keys = new MemoryIdempotencyStore();
          bus.subscribe('>', (m) => void received.push(m.id));
          bus.subscribe(
            '>',
            idempotent((m) => void processed.push(m.id), { store: keys, key: (m) => m.id }),
          );
          const checkpoints = new MemoryCheckpointStore();
          const options = { name: 'outbox', store, checkpoints, mapping: loyaltyMapping };
          // The first relay is abandoned, never stopped: like a killed process it just does no more.
          const crashing = new CrashingAfter(bus, crashAt);
          const first = new OutboxRelay({ ...options, publishers: [crashing] }).catchUp();
          const crashed = crashAt <= expected.length;
          await (crashed ? crashing.crashed.promise : first);
          expect(received.length).toBe(Math.min(crashAt, expected.length));
          await new OutboxRelay({ ...options, publishers: [bus] }).catchUp();
          expect(new Set(received)).toEqual(new Set(expected));
          // Duplicates only of the messages of the event in hand at the crash, with the same ids.
          expect(received.length - expected.length).toBeLessThanOrEqual(crashed ? 2 : 0);
          expect([...processed].sort()).toEqual([...expected].sort());
        },
      ),
      { numRuns: 40 },
    );
  });
});
