import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { defineSaga } from '../definition/define-saga.js';
import { SagaDefinitionError } from '../errors/saga-definition-error.js';
import { UnstartableEventError } from '../errors/unstartable-event-error.js';
import { OrderPlaced } from '../test-support/events.js';
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
