import { MemoryCheckpointStore, MemoryEventStore, toArray, type EventStore } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { defineSaga } from '../definition/define-saga.js';
import { SagaDefinitionError } from '../errors/saga-definition-error.js';
import { UnstartableEventError } from '../errors/unstartable-event-error.js';
import { OrderPlaced, ShippingSlotBooked } from '../test-support/events.js';
import { FakeTime } from '../test-support/fake-time.js';
import { SagaOrchestrator } from './saga-orchestrator.js';

function world() {
  const time = new FakeTime();
  const store = new MemoryEventStore({ clock: time.clock });
  const errors: unknown[] = [];
  const options = {
    store,
    checkpoints: new MemoryCheckpointStore(),
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0,
    onError: (error: unknown) => errors.push(error),
  };
  return { time, store, errors, options };
}
const order = (orderId: string) => OrderPlaced.create({ orderId, items: [], amount: 1 });

describe('SagaOrchestrator', () => {
  it('reports step attempts and saga ends to the hooks', async () => {
    const { store, options } = world();
    const seen: string[] = [];
    let calls = 0;
    const saga = defineSaga({
      name: 'hooked',
      startedBy: OrderPlaced,
      correlate: (e) => e.data.orderId,
      steps: [{ name: 'flaky', run: () => (++calls === 1 ? Promise.reject(new Error('no')) : 'fine') }],
    });
    const orchestrator = new SagaOrchestrator({
      ...options,
      sagas: [saga],
      hooks: {
        onSagaStarted: (e) => seen.push(`started ${e.sagaId}`),
        onStepAttempt: (e) => seen.push(`${e.phase} ${e.step} ${e.attempt} ${e.outcome}`),
        onSagaEnded: (e) => seen.push(`ended ${e.sagaId} ${e.status}`),
      },
    });
    await store.append('orders-1', [order('h1')]);
    await orchestrator.catchUp();
    await orchestrator.idle();
    expect(seen).toEqual(['started h1', 'run flaky 1 failed', 'run flaky 2 completed', 'ended h1 completed']);
  });

  it('fails an attempt whose output is not JSON, rather than losing it', async () => {
    const { store, options } = world();
    const saga = defineSaga({
      name: 'bigint-output',
      startedBy: OrderPlaced,
      correlate: (e) => e.data.orderId,
      steps: [{ name: 'a', run: () => 1n }],
      retry: { maxAttempts: 1 },
    });
    const orchestrator = new SagaOrchestrator({ ...options, sagas: [saga] });
    await store.append('orders-1', [order('b1')]);
    await orchestrator.catchUp();
    await orchestrator.idle();
    const status = await orchestrator.get('bigint-output', 'b1');
    expect(status?.status).toBe('failed');
    expect(status?.steps[0]?.error?.name).toBe('TypeError');
  });

  it('reports a starting event that correlate cannot place, and goes on with the next', async () => {
    const { store, options, errors } = world();
    const saga = defineSaga({
      name: 'picky',
      startedBy: OrderPlaced,
      correlate: (e) => e.data.items[0] ?? '',
      steps: [{ name: 'a', run: () => 'ok' }],
    });
    const orchestrator = new SagaOrchestrator({ ...options, sagas: [saga] });
    await store.append('orders-1', [
      order('x'),
      OrderPlaced.create({ orderId: 'y', items: ['i1'], amount: 1 }),
    ]);
    await orchestrator.catchUp();
    await orchestrator.idle();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(UnstartableEventError);
    expect((await orchestrator.get('picky', 'i1'))?.status).toBe('completed');
    expect(await options.checkpoints.load('sagas')).toBe(1n);
  });

  it('stop() fires the signal of the attempt in flight and records nothing for it', async () => {
    const { store, options } = world();
    let aborted: unknown;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const saga = defineSaga({
      name: 'long',
      startedBy: OrderPlaced,
      correlate: (e) => e.data.orderId,
      steps: [
        {
          name: 'slow',
          timeoutMs: 3_600_000,
          run: (ctx) =>
            new Promise((_, reject) => {
              started();
              ctx.signal.addEventListener('abort', () => {
                aborted = ctx.signal.reason;
                reject(new Error('aborted'));
              });
            }),
        },
      ],
    });
    const orchestrator = new SagaOrchestrator({ ...options, sagas: [saga] });
    await orchestrator.start();
    await store.append('orders-1', [order('l1')]);
    await running;
    await orchestrator.stop();
    expect(String(aborted)).toContain('stopped');
    const status = await orchestrator.get('long', 'l1');
    expect(status?.status).toBe('running');
    expect(status?.steps[0]).toMatchObject({ status: 'running', attempts: 1 });
  });

  it('two wait steps for one event type consume two different events, in order', async () => {
    const { store, options } = world();
    const saga = defineSaga({
      name: 'two-slots',
      startedBy: OrderPlaced,
      correlate: (e) => e.data.orderId,
      steps: [
        { name: 'first', waitFor: ShippingSlotBooked, timeoutMs: 60_000 },
        { name: 'second', waitFor: ShippingSlotBooked, timeoutMs: 60_000 },
        { name: 'done', run: (ctx) => ctx.results },
      ],
    });
    const orchestrator = new SagaOrchestrator({ ...options, sagas: [saga] });
    await orchestrator.start();
    await store.append('orders-1', [order('w1')]);
    await store.append('slots-1', [ShippingSlotBooked.create({ orderId: 'w1', slot: 'mon' })]);
    await orchestrator.idle();
    expect((await orchestrator.get('two-slots', 'w1'))?.steps.map((s) => s.status)).toEqual([
      'completed',
      'waiting',
      'pending',
    ]);
    await store.append('slots-1', [ShippingSlotBooked.create({ orderId: 'w1', slot: 'tue' })]);
    await orchestrator.idle();
    await orchestrator.stop();
    const events = await toArray(store.readStream('sagaTwoSlots-w1'));
    const done = events.find(
      (e) => e.type === 'saga.step.completed' && (e.data as { step: string }).step === 'done',
    );
    expect((done?.data as { output: unknown }).output).toEqual({
      first: { orderId: 'w1', slot: 'mon' },
      second: { orderId: 'w1', slot: 'tue' },
    });
  });

  it('cancel while a step runs: a late success is recorded, then compensated', async () => {
    const { store, options } = world();
    const undone: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const saga = defineSaga({
      name: 'late',
      startedBy: OrderPlaced,
      correlate: (e) => e.data.orderId,
      steps: [
        { name: 'quick', run: () => 'q', compensate: async () => void undone.push('quick') },
        {
          name: 'stubborn',
          timeoutMs: 3_600_000,
          // Sees the signal, finishes its work anyway.
          run: (ctx) =>
            new Promise<string>((resolve) => {
              started();
              ctx.signal.addEventListener('abort', () => resolve('done anyway'));
            }),
          compensate: async (ctx) => void undone.push(`stubborn ${String(ctx.output)}`),
        },
        { name: 'never', run: () => 'n' },
      ],
    });
    const orchestrator = new SagaOrchestrator({ ...options, sagas: [saga] });
    await orchestrator.start();
    await store.append('orders-1', [order('c1')]);
    await running;
    const status = await orchestrator.cancel('late', 'c1', 'changed my mind');
    await orchestrator.stop();
    expect(status.status).toBe('cancelled');
    expect(status.steps.map((s) => s.status)).toEqual(['compensated', 'compensated', 'pending']);
    expect(undone).toEqual(['stubborn done anyway', 'quick']);
  });

  it('a store failure while starting a saga stops delivery before the checkpoint moves', async () => {
    const { store, options, errors } = world();
    let failNext = true;
    const flaky: EventStore = {
      append: (...args) => {
        if (failNext && args[0].startsWith('saga')) {
          failNext = false;
          return Promise.reject(new Error('connection reset'));
        }
        return store.append(...args);
      },
      readStream: (...args) => store.readStream(...args),
      readAll: (...args) => store.readAll(...args),
      subscribe: (...args) => store.subscribe(...args),
      close: () => store.close(),
    };
    const saga = defineSaga({
      name: 'fragile',
      startedBy: OrderPlaced,
      correlate: (e) => e.data.orderId,
      steps: [{ name: 'a', run: () => 'ok' }],
    });
    const orchestrator = new SagaOrchestrator({ ...options, store: flaky, sagas: [saga] });
    await orchestrator.start();
    await store.append('orders-1', [order('f1')]);
    await orchestrator.idle();
    expect(errors.map((e) => (e as Error).message)).toEqual(['connection reset']);
    expect(await options.checkpoints.load('sagas')).toBeUndefined();
    expect(await orchestrator.get('fragile', 'f1')).toBeUndefined();
    await orchestrator.stop();
    await orchestrator.start();
    await orchestrator.idle();
    await orchestrator.stop();
    expect((await orchestrator.get('fragile', 'f1'))?.status).toBe('completed');
    expect(await options.checkpoints.load('sagas')).toBe(0n);
  });

  it('a restart waits out the rest of a recorded backoff, not the whole of it, nor none', async () => {
    const { store, options, time } = world();
    let calls = 0;
    const saga = defineSaga({
      name: 'patient',
      startedBy: OrderPlaced,
      correlate: (e) => e.data.orderId,
      steps: [{ name: 'a', run: () => (++calls === 1 ? Promise.reject(new Error('later')) : 'ok') }],
      retry: { maxAttempts: 2, initialDelayMs: 40_000, maxDelayMs: 40_000 },
      timeoutMs: 1_000,
    });
    const first = new SagaOrchestrator({ ...options, sagas: [saga], random: () => 0.75 });
    await store.append('orders-1', [order('p1')]);
    await first.catchUp();
    // The first attempt fails; the driver then sleeps its 30 000 ms backoff (held by FakeTime).
    while (!time.requested.includes(30_000)) await new Promise((resolve) => setImmediate(resolve));
    await first.stop();
    expect(calls).toBe(1);
    time.advance(10_000);
    const second = new SagaOrchestrator({ ...options, sagas: [saga] });
    const asked = time.requested.length;
    void second.resume();
    while (time.requested.length === asked) await new Promise((resolve) => setImmediate(resolve));
    expect(time.requested.at(-1)).toBe(20_000); // 30 000 of backoff, 10 000 already passed
    expect(calls).toBe(1);
    time.advance(20_000);
    await second.idle();
    expect(calls).toBe(2);
    expect((await second.get('patient', 'p1'))?.status).toBe('completed');
  });

  it('refuses two sagas with one name', () => {
    const { options } = world();
    const saga = defineSaga({
      name: 'twice',
      startedBy: OrderPlaced,
      correlate: () => 'x',
      steps: [{ name: 'a', run: () => 1 }],
    });
    expect(() => new SagaOrchestrator({ ...options, sagas: [saga, saga] })).toThrow(SagaDefinitionError);
  });
});
