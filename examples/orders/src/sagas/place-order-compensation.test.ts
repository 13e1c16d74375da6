import {
  MemoryEventStore,
  toArray,
  type AppendOptions,
  type AppendResult,
  type EventInput,
  type EventStore,
} from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrdersApp, type OrdersApp } from '../orders-app.js';
import { InMemoryPaymentGateway } from './payment-gateway.js';
import { placeOrderSaga } from './place-order.js';

/** A store whose orders database is down for confirmations: every `order.confirmed` append fails. */
class ConfirmationsDown extends MemoryEventStore {
  refused = 0;

  override async append(
    streamId: string,
    events: readonly EventInput[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    if (events.some((event) => event.type === 'order.confirmed')) {
      this.refused++;
      throw new Error('orders database unavailable');
    }
    return super.append(streamId, events, options);
  }
}

let app: OrdersApp | undefined;
afterEach(async () => {
  await app?.orchestrator.stop();
  app = undefined;
});

async function ready(store: EventStore) {
  const gateway = new InMemoryPaymentGateway();
  app = createOrdersApp({ store, gateway });
  await app.restock('book', 5);
  return { app, gateway };
}

const book = (quantity: number) => ({ sku: 'book', quantity, unitPrice: 1250 });

describe('the place-order saga when the order cannot be confirmed', () => {
  it('refunds the payment, releases the stock, then cancels the order: "could not be confirmed"', async () => {
    const store = new ConfirmationsDown();
    const { app, gateway } = await ready(store);
    await app.orchestrator.start();
    await app.placeOrder('o-5', 'c-1', [book(2)]);
    await app.orchestrator.idle();

    const saga = await app.orchestrator.get('place-order', 'o-5');
    expect(saga?.status).toBe('compensated');
    expect(saga?.failure).toMatchObject({
      cause: 'failed',
      step: 'confirm-order',
      error: { message: 'orders database unavailable' },
    });
    expect(saga?.steps.map((step) => [step.name, step.status])).toEqual([
      ['check-order', 'compensated'],
      ['reserve-stock', 'compensated'],
      ['charge-payment', 'compensated'],
      ['confirm-order', 'failed'],
    ]);
    // An outage is not a DomainError: confirm-order was tried as often as the saga allows.
    expect(store.refused).toBe(2);
    expect(gateway.calls).toBe(1);

    expect((await app.orders.load('o-5')).state).toMatchObject({
      status: 'cancelled',
      cancelReason: 'could not be confirmed',
      paid: 0,
    });
    expect((await app.payments.load('o-5')).state).toMatchObject({
      status: 'authorised',
      captured: 2500,
      refunded: 2500,
    });
    const stock = await app.inventory.load('main');
    expect(stock.state.skus['book']).toEqual({ onHand: 5, reserved: 0 });
    expect(stock.available('book')).toBe(5);

    // Compensation runs in reverse: refund, then release, then cancel.
    const last = async (streamId: string) => (await toArray(store.readStream(streamId))).at(-1);
    const refunded = await last('payment-o-5');
    const released = await last('inventory-main');
    const cancelled = await last('order-o-5');
    expect([refunded?.type, released?.type, cancelled?.type]).toEqual([
      'payment.refunded',
      'inventory.stock.released',
      'order.cancelled',
    ]);
    const positions = [refunded, released, cancelled].map((event) => event?.position ?? -1n);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(positions).size).toBe(3);
    // Each compensation carries its own idempotency key.
    expect(refunded?.metadata).toMatchObject({
      idempotencyKey: 'sagaPlaceOrder-o-5/charge-payment/compensate',
    });
  });

  it('compensations that run again (after a crash) find their earlier writes and add nothing', async () => {
    const store = new ConfirmationsDown();
    const { app, gateway } = await ready(store);
    await app.orchestrator.start();
    await app.placeOrder('o-6', 'c-1', [book(1)]);
    await app.orchestrator.idle();
    const before = (await toArray(store.readAll())).length;

    const saga = placeOrderSaga({ ...app, gateway });
    const placed = (await toArray(store.readStream('order-o-6')))[0];
    // The outputs the saga stream recorded, as the orchestrator hands them to compensate.
    const results = Object.fromEntries(
      (await toArray(store.readStream('sagaPlaceOrder-o-6')))
        .filter((event) => event.type === 'saga.step.completed')
        .map((event) => {
          const { step, output } = event.data as { step: string; output?: unknown };
          return [step, output];
        }),
    );
    expect(results).toEqual({
      'check-order': { orderId: 'o-6' },
      'reserve-stock': { reservationId: 'sagaPlaceOrder-o-6/reserve-stock' },
      'charge-payment': { paymentId: 'o-6', amount: 1250 },
    });
    for (const step of [...saga.steps].reverse()) {
      if (!('compensate' in step) || !step.compensate) continue;
      await step.compensate({
        saga: 'place-order',
        sagaId: 'o-6',
        step: step.name,
        input: placed?.data as never,
        results,
        output: results[step.name],
        idempotencyKey: `sagaPlaceOrder-o-6/${step.name}/compensate`,
        signal: new AbortController().signal,
        metadata: {},
        attempt: 2,
      });
    }
    expect((await toArray(store.readAll())).length).toBe(before);
    expect((await app.payments.load('o-6')).state.refunded).toBe(1250);
  });
});

describe('the place-order saga on an order that is no longer open', () => {
  it('an order cancelled before the saga checks it fails check-order: no stock held, no charge', async () => {
    const store = new MemoryEventStore();
    const { app, gateway } = await ready(store);
    await app.placeOrder('o-7', 'c-1', [book(1)]);
    await app.orders.update('o-7', (order) => order.cancel('customer changed their mind'));
    await app.orchestrator.start();
    await app.orchestrator.idle();

    const saga = await app.orchestrator.get('place-order', 'o-7');
    expect(saga?.failure).toMatchObject({ cause: 'failed', step: 'check-order' });
    expect(saga?.steps[0]?.error).toMatchObject({ message: 'order o-7 is cancelled' });
    // A DomainError: one attempt only.
    expect(saga?.steps[0]?.attempts).toBe(1);
    expect(saga?.steps.slice(1).map((step) => step.status)).toEqual(['pending', 'pending', 'pending']);
    expect((await app.orders.load('o-7')).state).toMatchObject({
      status: 'cancelled',
      cancelReason: 'customer changed their mind',
    });
    expect(await app.payments.find('o-7')).toBeUndefined();
    expect(gateway.calls).toBe(0);
    expect((await app.inventory.load('main')).state.reservations).toEqual({});
  });
});
