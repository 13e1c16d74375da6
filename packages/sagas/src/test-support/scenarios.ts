import { DomainError, NonRetryableError } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { SagaNotFoundError } from '../errors/saga-not-found-error.js';
import { SagaStateError } from '../errors/saga-state-error.js';
import { SagaOrchestrator } from '../orchestrator/saga-orchestrator.js';
import { CrashingStore } from './crashing-store.js';
import { OrderPlaced, ShippingSlotBooked, SignupRequested } from './events.js';
import { Harness, type MakeBackend } from './harness.js';

const order = (orderId: string) => OrderPlaced.create({ orderId, items: ['book'], amount: 12 });
const slot = (orderId: string) => ShippingSlotBooked.create({ orderId, slot: 'mon-am' });
const steps = (calls: { step: string }[]) => calls.map((c) => c.step);

/** The saga behaviour every store must give: run it on memory, PGlite and the PostgreSQL server. */
export function describeSagaScenarios(label: string, make: MakeBackend): void {
  describe(`sagas on ${label}`, () => {
    let h: Harness;
    afterEach(async () => {
      await h.dispose();
      expect(h.errors).toEqual([]);
    });

    it('runs the order saga to completion, waiting for the shipping slot', async () => {
      h = await Harness.create(make);
      const orchestrator = h.orchestrator();
      await orchestrator.start();
      const [placed] = await appendOne(h, 'order-o1', order('o1'), { correlationId: 'req-1' });
      await orchestrator.idle();
      const waiting = await orchestrator.get('place-order', 'o1');
      expect(waiting?.status).toBe('waiting');
      expect(waiting?.steps.map((s) => s.status)).toEqual(['completed', 'completed', 'waiting', 'pending']);
      expect(waiting?.steps[2]?.deadline).toEqual(new Date(h.time.clock.now().getTime() + 60_000));
      await h.store.append('shipping-o1', [slot('o1')]);
      await orchestrator.idle();
      expect((await orchestrator.get('place-order', 'o1'))?.status).toBe('completed');
      const calls = h.services.of('o1');
      expect(steps(calls)).toEqual(['reserve-stock', 'charge-payment', 'confirm-order']);
      expect(calls.map((c) => c.key)).toEqual([
        'sagaPlaceOrder-o1/reserve-stock',
        'sagaPlaceOrder-o1/charge-payment',
        'sagaPlaceOrder-o1/confirm-order',
      ]);
      // Correlation flows from the starting event into every step; the starting event is the cause.
      for (const call of calls)
        expect(call.metadata).toMatchObject({ correlationId: 'req-1', causationId: placed });
      expect(calls[2]?.results).toEqual({
        'reserve-stock': { ref: 'reserve-stock:o1' },
        'charge-payment': { ref: 'charge-payment:o1' },
        'await-shipping-slot': { orderId: 'o1', slot: 'mon-am' },
      });
      expect(await h.types('sagaPlaceOrder-o1')).toEqual([
        'saga.started',
        'saga.step.started reserve-stock',
        'saga.step.completed reserve-stock',
        'saga.step.started charge-payment',
        'saga.step.completed charge-payment',
        'saga.step.waiting await-shipping-slot',
        'saga.step.completed await-shipping-slot',
        'saga.step.started confirm-order',
        'saga.step.completed confirm-order',
        'saga.completed',
      ]);
    });

    it('starts one saga per correlation id, however often the starting event arrives', async () => {
      h = await Harness.create(make);
      await h.store.append('order-o2', [order('o2'), order('o2')]);
      const orchestrator = h.orchestrator();
      await orchestrator.catchUp();
      await orchestrator.catchUp();
      await orchestrator.idle();
      expect((await h.types('sagaPlaceOrder-o2')).filter((t) => t === 'saga.started')).toHaveLength(1);
      expect(steps(h.services.of('o2'))).toEqual(['reserve-stock', 'charge-payment']);
      const last = (await h.stream('order-o2'))[1]!.position;
      expect(await h.backend.checkpoints.load('sagas')).toBe(last);
    });

    it('retries a failing step with backoff, then compensates completed steps in reverse order', async () => {
      h = await Harness.create(make);
      h.services.script('o3', 'charge-payment', { failRuns: 5 });
      const orchestrator = h.orchestrator({ random: () => 0.5 });
      await orchestrator.start();
      await h.store.append('order-o3', [order('o3')]);
      await orchestrator.idle();
      const status = await orchestrator.get('place-order', 'o3');
      expect(status?.status).toBe('compensated');
      expect(status?.steps[1]).toMatchObject({ status: 'failed', attempts: 3 });
      expect(status?.failure).toMatchObject({ cause: 'failed', step: 'charge-payment' });
      expect(h.services.of('o3').map((c) => `${c.kind} ${c.step} ${c.attempt}`)).toEqual([
        'run reserve-stock 1',
        'run charge-payment 1',
        'run charge-payment 2',
        'run charge-payment 3',
        'compensate reserve-stock 1',
      ]);
      // Full jitter with random 0.5: half of 100 · 2^0, then half of 100 · 2^1.
      expect(h.time.requested.filter((ms) => ms < 10_000)).toEqual([50, 100]);
      expect((await h.types('sagaPlaceOrder-o3')).slice(-4)).toEqual([
        'saga.compensation.started charge-payment',
        'saga.step.compensating reserve-stock',
        'saga.step.compensated reserve-stock',
        'saga.compensated',
      ]);
    });

    it('does not retry a step that throws a DomainError or a non-retryable error: it compensates at once', async () => {
      h = await Harness.create(make);
      const refusals = {
        o30: (message: string) => new DomainError('PAYMENT_DECLINED', message),
        o31: (message: string) => new NonRetryableError(message),
        o32: (message: string) => Object.assign(new Error(message), { retryable: false }),
      };
      for (const [id, error] of Object.entries(refusals))
        h.services.script(id, 'charge-payment', { failRuns: 5, error });
      const orchestrator = h.orchestrator();
      await orchestrator.start();
      for (const id of Object.keys(refusals)) await h.store.append(`order-${id}`, [order(id)]);
      await orchestrator.idle();
      for (const id of Object.keys(refusals)) {
        const status = await orchestrator.get('place-order', id);
        expect(status?.status).toBe('compensated');
        expect(status?.steps[1]).toMatchObject({ status: 'failed', attempts: 1 });
        expect(status?.failure).toMatchObject({ cause: 'failed', step: 'charge-payment' });
        expect(h.services.of(id).map((c) => `${c.kind} ${c.step} ${c.attempt}`)).toEqual([
          'run reserve-stock 1',
          'run charge-payment 1',
          'compensate reserve-stock 1',
        ]);
      }
      expect((await orchestrator.get('place-order', 'o30'))?.failure?.error).toMatchObject({
        code: 'PAYMENT_DECLINED',
      });
      // No backoff was waited for.
      expect(h.time.requested.filter((ms) => ms < 10_000)).toEqual([]);
      expect((await h.types('sagaPlaceOrder-o30')).slice(3)).toEqual([
        'saga.step.started charge-payment',
        'saga.step.failed charge-payment',
        'saga.compensation.started charge-payment',
        'saga.step.compensating reserve-stock',
        'saga.step.compensated reserve-stock',
        'saga.compensated',
      ]);
    });

    it('a compensation that throws a DomainError is dead-lettered without retries', async () => {
      h = await Harness.create(make);
      h.services.script('o33', 'charge-payment', { failRuns: 5 });
      h.services.script('o33', 'reserve-stock', {
        failCompensations: 5,
        error: (message) => new DomainError('REFUSED', message),
      });
      const orchestrator = h.orchestrator();
      await orchestrator.start();
      await h.store.append('order-o33', [order('o33')]);
      await orchestrator.idle();
      expect((await orchestrator.get('place-order', 'o33'))?.status).toBe('compensation_failed');
      expect(h.services.of('o33', 'compensate').map((c) => `${c.step} ${c.attempt}`)).toEqual([
        'reserve-stock 1',
      ]);
    });

    it('times out a hanging step, fires its signal, and compensates', async () => {
      h = await Harness.create(make);
      h.services.script('o4', 'charge-payment', { hang: true });
      const orchestrator = h.orchestrator();
      await orchestrator.start();
      await h.store.append('order-o4', [order('o4')]);
      await orchestrator.idle();
      const status = await orchestrator.get('place-order', 'o4');
      expect(status?.status).toBe('compensated');
      expect(status?.steps[1]?.error).toMatchObject({ code: 'SAGA_STEP_TIMEOUT' });
      expect(h.services.of('o4', 'run').map((c) => c.outcome)).toEqual(['ok', 'hung', 'hung', 'hung']);
      expect(steps(h.services.of('o4', 'compensate'))).toEqual(['reserve-stock']);
    });

    it('keeps a waitFor deadline across a restart and fails the step when it passes', async () => {
      h = await Harness.create(make);
      const first = h.orchestrator();
      await first.start();
      await h.store.append('order-o5', [order('o5')]);
      await first.idle();
      await first.stop();
      h.time.advance(30_000);
      const second = h.orchestrator();
      await second.start();
      await second.idle();
      expect((await second.get('place-order', 'o5'))?.status).toBe('waiting');
      h.time.advance(30_000);
      await second.idle();
      const status = await second.get('place-order', 'o5');
      expect(status?.status).toBe('compensated');
      expect(status?.failure?.error).toMatchObject({ code: 'SAGA_STEP_TIMEOUT' });
      expect(steps(h.services.of('o5', 'compensate'))).toEqual(['charge-payment', 'reserve-stock']);
    });

    it('finds an awaited event recorded before the saga waited for it', async () => {
      h = await Harness.create(make);
      await h.store.append('order-o6', [order('o6')]);
      await h.store.append('shipping-o6', [slot('o6'), slot('other')]);
      const orchestrator = h.orchestrator();
      await orchestrator.start();
      await orchestrator.idle();
      expect((await orchestrator.get('place-order', 'o6'))?.status).toBe('completed');
    });

    it('dead-letters a saga whose compensation keeps failing; retry finishes it', async () => {
      h = await Harness.create(make);
      h.services.script('o7', 'charge-payment', { failRuns: 9 });
      h.services.script('o7', 'reserve-stock', { failCompensations: 9 });
      const orchestrator = h.orchestrator();
      await orchestrator.start();
      await h.store.append('order-o7', [order('o7')]);
      await orchestrator.idle();
      const [dead, ...others] = await orchestrator.list({ status: 'compensation_failed' });
      expect(others).toEqual([]);
      expect(dead).toMatchObject({ sagaId: 'o7', deadLetter: { step: 'reserve-stock' } });
      expect(dead?.steps[0]).toMatchObject({ status: 'compensation_failed', compensationAttempts: 3 });
      await expect(orchestrator.cancel('place-order', 'o7', 'x')).rejects.toBeInstanceOf(SagaStateError);
      h.services.heal();
      const healed = await orchestrator.retry('place-order', 'o7');
      expect(healed.status).toBe('compensated');
      expect(healed.steps[0]).toMatchObject({ status: 'compensated', compensationAttempts: 4 });
      expect(await orchestrator.list({ status: 'compensation_failed' })).toEqual([]);
      await expect(orchestrator.retry('place-order', 'o7')).rejects.toBeInstanceOf(SagaStateError);
    });

    it('cancel compensates a waiting saga and records the reason', async () => {
      h = await Harness.create(make);
      const orchestrator = h.orchestrator();
      await orchestrator.start();
      await h.store.append('order-o8', [order('o8')]);
      await orchestrator.idle();
      const cancelled = await orchestrator.cancel('place-order', 'o8', 'customer cancelled');
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.failure).toEqual({ cause: 'cancelled', reason: 'customer cancelled' });
      expect(steps(h.services.of('o8', 'compensate'))).toEqual(['charge-payment', 'reserve-stock']);
      await expect(orchestrator.cancel('place-order', 'o8', 'again')).rejects.toBeInstanceOf(SagaStateError);
      await expect(orchestrator.cancel('place-order', 'nope', 'x')).rejects.toBeInstanceOf(SagaNotFoundError);
      await expect(orchestrator.get('no-such-saga', 'o8')).rejects.toBeInstanceOf(SagaNotFoundError);
    });

    it('after a crash mid-step, a new orchestrator runs the step again with the same key', async () => {
      h = await Harness.create(make);
      // The process dies right after charging, before the completion is recorded.
      const dying = new CrashingStore(h.store, (_, events) =>
        events.some(
          (e) => e.type === 'saga.step.completed' && (e.data as { step: string }).step === 'charge-payment',
        )
          ? 'before'
          : undefined,
      );
      const first = new SagaOrchestrator({
        store: dying,
        checkpoints: h.backend.checkpoints,
        sagas: [h.placeOrder],
        clock: h.time.clock,
        sleep: h.time.sleep,
      });
      await first.start();
      await h.store.append('order-o9', [order('o9')]);
      await dying.died;
      h.services.generation = 1;
      const second = h.orchestrator();
      await second.start();
      await second.idle();
      const charges = h.services.of('o9', 'run').filter((c) => c.step === 'charge-payment');
      expect(charges.map((c) => [c.generation, c.key, c.attempt])).toEqual([
        [0, 'sagaPlaceOrder-o9/charge-payment', 1],
        [1, 'sagaPlaceOrder-o9/charge-payment', 1],
      ]);
      expect(h.services.effects.get('sagaPlaceOrder-o9/charge-payment')).toBe(1);
      expect(steps(h.services.of('o9', 'run'))).toEqual([
        'reserve-stock',
        'charge-payment',
        'charge-payment',
      ]);
      expect((await second.get('place-order', 'o9'))?.status).toBe('waiting');
    });

    it('the loyalty enrolment saga undoes the bonus and the wallet when the welcome message fails', async () => {
      h = await Harness.create(make);
      h.services.script('c1', 'send-welcome-message', { failRuns: 2 });
      const orchestrator = h.orchestrator();
      await orchestrator.start();
      await h.store.append('signup-c1', [
        SignupRequested.create({ customerId: 'c1', email: 'c1@example.com' }),
      ]);
      await orchestrator.idle();
      const status = await orchestrator.get('loyalty-enrolment', 'c1');
      expect(status?.status).toBe('compensated');
      expect(status?.steps.map((s) => s.status)).toEqual([
        'completed',
        'compensated',
        'compensated',
        'failed',
      ]);
      expect(steps(h.services.of('c1', 'compensate'))).toEqual(['grant-welcome-bonus', 'open-points-wallet']);
      expect(h.services.of('c1', 'compensate').map((c) => c.key)).toEqual([
        'sagaLoyaltyEnrolment-c1/grant-welcome-bonus/compensate',
        'sagaLoyaltyEnrolment-c1/open-points-wallet/compensate',
      ]);
    });

    it('two orchestrators on one saga record each transition once', async () => {
      h = await Harness.create(make);
      await h.store.append('order-o10', [order('o10')]);
      await h.store.append('shipping-o10', [slot('o10')]);
      const a = h.orchestrator({ name: 'a' });
      const b = h.orchestrator({ name: 'b' });
      await Promise.all([a.start(), b.start()]);
      await Promise.all([a.idle(), b.idle()]);
      const types = await h.types('sagaPlaceOrder-o10');
      for (const done of ['saga.started', 'saga.completed', 'saga.step.completed reserve-stock'])
        expect(types.filter((t) => t === done)).toHaveLength(1);
      expect(types.filter((t) => t.startsWith('saga.step.completed'))).toHaveLength(4);
      expect(types.at(-1)).toBe('saga.completed');
    });
  });
}

async function appendOne(
  h: Harness,
  streamId: string,
  event: ReturnType<typeof order>,
  metadata: Record<string, string>,
): Promise<string[]> {
  await h.store.append(streamId, [{ ...event, metadata }]);
  return (await h.stream(streamId)).map((e) => e.eventId);
}
