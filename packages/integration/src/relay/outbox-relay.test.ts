import { MemoryCheckpointStore, MemoryEventStore, MemoryLease, toArray } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { InProcessBus } from '../bus/in-process-bus.js';
import { LeaseLostError, MessageValidationError, RelayDeliveryError } from '../errors/integration-errors.js';
import { defineMapping, emit } from '../message/define-mapping.js';
import type { IntegrationMessage } from '../message/integration-message.js';
import type { Publisher } from '../message/publisher.js';
import {
  deferred,
  loyaltyMapping,
  PointsAwarded,
  PointsEarned,
  recordingSleep,
} from '../test-support/fixtures.js';
import { OutboxRelay } from './outbox-relay.js';

const earned = (accountId: string, points: number, tenantId?: string) => ({
  type: 'loyalty.points.earned',
  data: { accountId, points, reason: 'r' },
  ...(tenantId ? { metadata: { tenantId } } : {}),
});

class Recorder implements Publisher {
  readonly name = 'recorder';
  readonly messages: IntegrationMessage[] = [];
  failNext = 0;
  async publish(message: IntegrationMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('broker unavailable');
    }
    this.messages.push(message);
  }
}

describe('outbox relay', () => {
  it('catches up: delivers the mapped events in order and checkpoints the last one', async () => {
    const store = new MemoryEventStore();
    await store.append('loyaltyAccount-a', [
      earned('a', 1),
      { type: 'loyalty.internal.noted', data: { note: 'x' } },
    ]);
    await store.append('loyaltyAccount-b', [
      earned('b', 2, 'acme'),
      { type: 'loyalty.account.closed', data: { accountId: 'b' } },
    ]);
    const checkpoints = new MemoryCheckpointStore();
    const recorder = new Recorder();
    const relay = new OutboxRelay({
      name: 'r',
      store,
      checkpoints,
      mapping: loyaltyMapping,
      publishers: [recorder],
    });
    const status = await relay.catchUp();
    expect(recorder.messages.map((m) => [m.type, m.tenantId])).toEqual([
      ['loyalty.points-awarded.v1', undefined],
      ['loyalty.points-awarded.v1', 'acme'],
      ['loyalty.account-archived.v1', undefined],
      ['audit.recorded.v1', undefined],
    ]);
    const all = await toArray(store.readAll());
    expect(status).toMatchObject({ checkpoint: all.at(-1)!.position, published: 4 });
    expect(await checkpoints.load('r')).toBe(all.at(-1)!.position);
    // Nothing new: a second run delivers nothing.
    await relay.catchUp();
    expect(recorder.messages).toHaveLength(4);
  });

  it('retries a failing publisher with backoff and only then checkpoints', async () => {
    const store = new MemoryEventStore();
    await store.append('loyaltyAccount-a', [earned('a', 1)]);
    const recorder = new Recorder();
    recorder.failNext = 2;
    const { sleep, delays } = recordingSleep();
    const relay = new OutboxRelay({
      name: 'r',
      store,
      checkpoints: new MemoryCheckpointStore(),
      mapping: loyaltyMapping,
      publishers: [recorder],
      retry: { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 100, jitter: 'none' },
      sleep,
    });
    await relay.catchUp();
    expect(delays).toEqual([10, 20]);
    expect(recorder.messages).toHaveLength(1);
  });

  it('stops before an event it cannot deliver, keeps the checkpoint there, and resumes on the next run', async () => {
    const store = new MemoryEventStore();
    const first = await store.append('loyaltyAccount-a', [earned('a', 1)]);
    await store.append('loyaltyAccount-a', [earned('a', 2)]);
    const checkpoints = new MemoryCheckpointStore();
    const recorder = new Recorder();
    const options = {
      name: 'r',
      store,
      checkpoints,
      mapping: loyaltyMapping,
      publishers: [recorder],
      retry: { maxAttempts: 2, initialDelayMs: 0, maxDelayMs: 0 },
    };
    const relay = new OutboxRelay(options);
    const original = recorder.publish.bind(recorder);
    recorder.publish = async (m) => {
      if ((m.data as { points: number }).points === 2) throw new Error('rejected');
      return original(m);
    };
    const error = await relay.catchUp().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RelayDeliveryError);
    expect(error).toMatchObject({ attempts: 2, relay: 'r' });
    expect(relay.status().state).toBe('failed');
    expect(await checkpoints.load('r')).toBe(first.position);
    recorder.publish = original;
    await new OutboxRelay(options).catchUp();
    expect(recorder.messages.map((m) => (m.data as { points: number }).points)).toEqual([1, 2]);
  });

  it('stops on an invalid mapping instead of skipping the event', async () => {
    const store = new MemoryEventStore();
    await store.append('loyaltyAccount-a', [earned('a', 1)]);
    const bad = defineMapping('bad').on(PointsEarned, () =>
      emit(PointsAwarded, { accountId: 'a', points: 0.5 }),
    );
    const checkpoints = new MemoryCheckpointStore();
    const relay = new OutboxRelay({
      name: 'r',
      store,
      checkpoints,
      mapping: bad,
      publishers: [new Recorder()],
    });
    await expect(relay.catchUp()).rejects.toBeInstanceOf(MessageValidationError);
    expect(await checkpoints.load('r')).toBeUndefined();
  });

  it('follows live appends after start and stops cleanly', async () => {
    const store = new MemoryEventStore();
    const bus = new InProcessBus();
    const got: number[] = [];
    const two = deferred();
    bus.subscribe(PointsAwarded, (m) => {
      got.push(m.data.points);
      if (got.length === 2) two.resolve();
    });
    await store.append('loyaltyAccount-a', [earned('a', 1)]);
    const relay = new OutboxRelay({
      name: 'live',
      store,
      checkpoints: new MemoryCheckpointStore(),
      mapping: loyaltyMapping,
      publishers: [bus],
    });
    await relay.start();
    expect(relay.status().state).toBe('running');
    await store.append('loyaltyAccount-a', [earned('a', 2)]);
    await two.promise;
    await relay.stop();
    expect(got).toEqual([1, 2]);
    expect(relay.status().state).toBe('stopped');
  });

  it('runs one relay per name: a second instance waits in standby until the lease is released', async () => {
    const store = new MemoryEventStore();
    const lease = new MemoryLease();
    const checkpoints = new MemoryCheckpointStore();
    const make = (owner: string) =>
      new OutboxRelay({
        name: 'leased',
        owner,
        store,
        checkpoints,
        mapping: loyaltyMapping,
        publishers: [new Recorder()],
        lease,
        leaseTtlMs: 60,
      });
    const a = make('a');
    const b = make('b');
    await a.start();
    const bStarted = b.start();
    await Promise.resolve();
    expect(b.status().state).toBe('standby');
    await expect(b.catchUp()).rejects.toBeInstanceOf(LeaseLostError);
    await a.stop();
    await bStarted;
    expect(b.status().state).toBe('running');
    await b.stop();
  });

  it('stops delivering when its lease is taken away, and reports LeaseLostError', async () => {
    const store = new MemoryEventStore();
    const lease = new MemoryLease();
    let held = true;
    const denied = deferred();
    const flaky = {
      acquire: async (name: string, owner: string, ttl: number) => {
        if (held) return lease.acquire(name, owner, ttl);
        denied.resolve();
        return false;
      },
      renew: async (name: string, owner: string, ttl: number) => {
        if (held) return lease.renew(name, owner, ttl);
        denied.resolve();
        return false;
      },
      release: (name: string, owner: string) => lease.release(name, owner),
    };
    const recorder = new Recorder();
    const failed = deferred();
    const relay = new OutboxRelay({
      name: 'lost',
      store,
      checkpoints: new MemoryCheckpointStore(),
      mapping: loyaltyMapping,
      publishers: [recorder],
      lease: flaky,
      leaseTtlMs: 30,
      onError: () => failed.resolve(),
    });
    await relay.start();
    held = false;
    // The next renewal (every ttl/3) is refused; after it, the next event is not delivered.
    await denied.promise;
    await new Promise((resolve) => setImmediate(resolve));
    await store.append('loyaltyAccount-a', [earned('a', 1)]);
    await failed.promise;
    expect(relay.status()).toMatchObject({
      state: 'failed',
      lastError: expect.any(LeaseLostError) as unknown,
    });
    expect(recorder.messages).toEqual([]);
    await relay.stop();
  });
});
