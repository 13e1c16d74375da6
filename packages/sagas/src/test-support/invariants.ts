import { seededRandom, toArray, type RecordedEvent } from '@strata/core';
import fc from 'fast-check';
import { expect } from 'vitest';
import { defineSaga } from '../definition/define-saga.js';
import { SagaOrchestrator } from '../orchestrator/saga-orchestrator.js';
import { CrashingStore } from './crashing-store.js';
import { OrderPlaced } from './events.js';
import { FakeServices, type Behaviour } from './fake-services.js';
import { FakeTime } from './fake-time.js';
import type { MakeBackend } from './harness.js';

const STEPS = ['s0', 's1', 's2', 's3'] as const;
// s2 has nothing to undo: compensation must skip it.
const COMPENSABLE = new Set(['s0', 's1', 's3']);

const behaviour: fc.Arbitrary<Behaviour> = fc.record({
  failRuns: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }) },
  ),
  hang: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  failCompensations: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }) },
  ),
});

const plan = fc.record({
  instances: fc.array(fc.array(behaviour, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
  crashes: fc.array(
    fc.record({ after: fc.nat(25), point: fc.constantFrom('before' as const, 'after' as const) }),
    {
      maxLength: 3,
    },
  ),
  retryDeadLetters: fc.boolean(),
  seed: fc.nat(),
});

function makeSaga(services: FakeServices) {
  return defineSaga({
    name: 'prop-saga',
    startedBy: OrderPlaced,
    correlate: (event) => event.data.orderId,
    steps: STEPS.map((name) => ({
      name,
      run: (ctx) => services.run(ctx),
      ...(COMPENSABLE.has(name) ? { compensate: (ctx) => services.compensate(ctx) } : {}),
    })),
    retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 100 },
    timeoutMs: 1_000,
  });
}

const stepOf = (e: RecordedEvent) => (e.data as { step?: string }).step;

/**
 * The property: random step outcomes (succeed, fail n times, hang until the timeout),
 * random compensation failures, and processes that die at a random append (before or after it
 * lands) and are replaced by a new orchestrator on the same store.
 */
export function sagaInvariants(make: MakeBackend) {
  return fc.asyncProperty(plan, async ({ instances, crashes, retryDeadLetters, seed }) => {
    const time = new FakeTime();
    const { store, checkpoints } = await make(time.clock);
    try {
      const services = new FakeServices();
      const saga = makeSaga(services);
      const ids = instances.map((_, i) => `p${i}`);
      instances.forEach((steps, i) => steps.forEach((b, s) => services.script(ids[i]!, STEPS[s]!, b)));
      await store.append(
        'orders-all',
        ids.map((orderId) => OrderPlaced.create({ orderId, items: [], amount: 1 })),
      );
      const options = { checkpoints, sagas: [saga], clock: time.clock, sleep: time.sleep };
      let crashed = 0;
      // Each generation is a process that dies at its n-th append (before or after it lands).
      for (const crash of crashes) {
        let appends = 0;
        const dying = new CrashingStore(store, () => (appends++ === crash.after ? crash.point : undefined));
        const orchestrator = new SagaOrchestrator({
          ...options,
          store: dying,
          random: seededRandom(seed + services.generation),
          onError: () => undefined,
        });
        await orchestrator.start().catch(() => undefined);
        await Promise.race([dying.died, orchestrator.idle().catch(() => undefined)]);
        if (dying.crashed) {
          crashed++;
          await dying.settled();
        } else await orchestrator.stop();
        services.generation++;
      }
      const errors: unknown[] = [];
      const last = new SagaOrchestrator({
        ...options,
        store,
        random: seededRandom(seed),
        onError: (e) => errors.push(e),
      });
      await last.start();
      await last.idle();
      if (retryDeadLetters) {
        services.heal();
        for (const dead of await last.list({ status: 'compensation_failed' }))
          await last.retry('prop-saga', dead.sagaId);
      }
      await last.stop();
      expect(errors.map(String)).toEqual([]);

      for (const id of ids) {
        const events = await toArray(store.readStream(`sagaPropSaga-${id}`));
        const status = (await last.get('prop-saga', id))!.status;
        expect(['completed', 'compensated', 'failed', 'compensation_failed']).toContain(status);
        if (retryDeadLetters) expect(status).not.toBe('compensation_failed');

        const completed = events.filter((e) => e.type === 'saga.step.completed').map(stepOf);
        const compensated = events.filter((e) => e.type === 'saga.step.compensated').map(stepOf);
        // At most once each, only after completing, in reverse order of completion.
        expect(new Set(compensated).size).toBe(compensated.length);
        for (const step of compensated) {
          const done = events.findIndex((e) => e.type === 'saga.step.completed' && stepOf(e) === step);
          const undone = events.findIndex((e) => e.type === 'saga.step.compensated' && stepOf(e) === step);
          expect(done).toBeGreaterThanOrEqual(0);
          expect(done).toBeLessThan(undone);
        }
        const reverse = completed.filter((s) => COMPENSABLE.has(s!)).reverse();
        expect(compensated).toEqual(reverse.slice(0, compensated.length));
        if (status === 'compensated') expect(compensated).toEqual(reverse);
        if (status === 'completed') expect(compensated).toEqual([]);

        // Nothing runs forward once compensation began: not in the stream, not at the services.
        const began = events.findIndex((e) => e.type === 'saga.compensation.started');
        if (began >= 0) expect(events.slice(began).filter((e) => e.type === 'saga.step.started')).toEqual([]);
        const calls = services.of(id);
        const firstUndo = calls.findIndex((c) => c.kind === 'compensate');
        if (firstUndo >= 0) expect(calls.slice(firstUndo).filter((c) => c.kind === 'run')).toEqual([]);

        // One key per step and kind, across retries and restarts.
        for (const call of calls) {
          const suffix = call.kind === 'compensate' ? '/compensate' : '';
          expect(call.key).toBe(`sagaPropSaga-${id}/${call.step}${suffix}`);
        }
        // Without a crash, each recorded compensation ran exactly once.
        if (crashed === 0) {
          for (const step of compensated) {
            const ok = calls.filter((c) => c.kind === 'compensate' && c.step === step && c.outcome === 'ok');
            expect(ok).toHaveLength(1);
          }
        }
      }
    } finally {
      // Dropped processes may still hold a subscription: closing releases its connection.
      await store.close();
    }
  });
}
