import { MemoryEventStore, toArray, type EventStore } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrdersApp, type OrdersApp } from '../orders-app.js';
import { InMemoryPaymentGateway } from './payment-gateway.js';

const book = (quantity: number) => ({ sku: 'book', quantity, unitPrice: 1250 });
const pen = (quantity: number) => ({ sku: 'pen', quantity, unitPrice: 300 });

let app: OrdersApp | undefined;
afterEach(async () => {
  await app?.orchestrator.stop();
  app = undefined;
});

async function start(store: EventStore = new MemoryEventStore()) {
  const gateway = new InMemoryPaymentGateway().decline('c-broke', 'insufficient funds');
  const errors: unknown[] = [];
  app = createOrdersApp({ store, gateway, onError: (error) => errors.push(error) });
  await app.restock('book', 5);
  await app.restock('pen', 2);
  await app.orchestrator.start();
  return { app, gateway, errors };
}

const types = async (store: EventStore, streamId: string) =>
  (await toArray(store.readStream(streamId))).map((event) => event.type);

describe('the place-order saga', () => {
  it('reserves stock, charges the payment and confirms the order', async () => {
    const { app, gateway, errors } = await start();
    await app.placeOrder('o-1', 'c-1', [book(2), pen(1)]);
    await app.orchestrator.idle();

    const saga = await app.orchestrator.get('place-order', 'o-1');
    expect(saga?.status).toBe('completed');
    const order = await app.orders.load('o-1');
    expect(order.state).toMatchObject({ status: 'confirmed', total: 2800, paid: 2800, paymentId: 'o-1' });
    const payment = await app.payments.load('o-1');
    expect(payment.state).toMatchObject({
      status: 'authorised',
      authorised: 2800,
      captured: 2800,
      refunded: 0,
    });
    const stock = await app.inventory.load('main');
    expect(stock.state.skus).toEqual({ book: { onHand: 5, reserved: 2 }, pen: { onHand: 2, reserved: 1 } });
    expect(gateway.calls).toBe(1);
    expect(errors).toEqual([]);

    // The events each step caused carry its idempotency key and the order's correlation.
    const [placed, confirmed] = await toArray(app.store.readStream('order-o-1'));
    expect(confirmed?.type).toBe('order.confirmed');
    expect(confirmed?.metadata).toMatchObject({
      idempotencyKey: 'sagaPlaceOrder-o-1/confirm-order',
      correlationId: placed?.metadata.correlationId ?? placed?.eventId,
      causationId: placed?.eventId,
    });
  });

  it('a declined payment releases the stock and cancels the order', async () => {
    const { app, gateway } = await start();
    await app.placeOrder('o-2', 'c-broke', [book(3)]);
    await app.orchestrator.idle();

    const saga = await app.orchestrator.get('place-order', 'o-2');
    expect(saga?.status).toBe('compensated');
    expect(saga?.failure).toMatchObject({ cause: 'failed', step: 'charge-payment' });
    expect(saga?.steps.map((step) => [step.name, step.status])).toEqual([
      ['check-order', 'compensated'],
      ['reserve-stock', 'compensated'],
      ['charge-payment', 'failed'],
      ['confirm-order', 'pending'],
    ]);
    const order = await app.orders.load('o-2');
    expect(order.state).toMatchObject({ status: 'cancelled', cancelReason: 'payment declined', paid: 0 });
    expect(await types(app.store, 'inventory-main')).toEqual([
      'inventory.stock.added',
      'inventory.stock.added',
      'inventory.stock.reserved',
      'inventory.stock.released',
    ]);
    expect((await app.inventory.load('main')).available('book')).toBe(5);
    const payment = await app.payments.load('o-2');
    expect(payment.state).toMatchObject({
      status: 'declined',
      captured: 0,
      declineReason: 'insufficient funds',
    });
    // A decline is a DomainError: not retried, so one attempt and one question to the issuer.
    expect(saga?.steps[2]?.attempts).toBe(1);
    expect(gateway.calls).toBe(1);

    // The stock was released before the order was cancelled: compensation runs in reverse.
    const released = (await toArray(app.store.readStream('inventory-main'))).at(-1);
    const cancelled = (await toArray(app.store.readStream('order-o-2'))).at(-1);
    expect(cancelled?.type).toBe('order.cancelled');
    expect(released && cancelled && released.position < cancelled.position).toBe(true);
  });

  it('an out-of-stock reservation cancels the order with no charge', async () => {
    const { app, gateway } = await start();
    await app.placeOrder('o-3', 'c-1', [pen(1), book(6)]);
    await app.orchestrator.idle();

    const saga = await app.orchestrator.get('place-order', 'o-3');
    expect(saga?.status).toBe('compensated');
    expect(saga?.failure).toMatchObject({ cause: 'failed', step: 'reserve-stock' });
    expect(saga?.steps[1]?.error?.message).toContain('book: 6 requested, 5 available');
    expect((await app.orders.load('o-3')).state).toMatchObject({
      status: 'cancelled',
      cancelReason: 'out of stock',
    });
    expect(await app.payments.find('o-3')).toBeUndefined();
    expect(gateway.calls).toBe(0);
    // Nothing was held, not even the pen that was in stock.
    expect(await types(app.store, 'inventory-main')).toEqual([
      'inventory.stock.added',
      'inventory.stock.added',
    ]);
  });

  it('concurrent orders for the last items: each unit is sold once, and stock never goes negative', async () => {
    const { app, gateway } = await start();
    const ids = ['o-a', 'o-b', 'o-c', 'o-d', 'o-e'];
    await Promise.all(ids.map((id) => app.placeOrder(id, `c-${id}`, [pen(1)])));
    await app.orchestrator.idle();

    const statuses = await Promise.all(
      ids.map(async (id) => (await app.orchestrator.get('place-order', id))?.status),
    );
    expect(statuses.filter((status) => status === 'completed')).toHaveLength(2);
    expect(statuses.filter((status) => status === 'compensated')).toHaveLength(3);
    const orders = await Promise.all(ids.map((id) => app.orders.load(id)));
    expect(orders.filter((order) => order.state.status === 'confirmed')).toHaveLength(2);
    expect(orders.filter((order) => order.state.cancelReason === 'out of stock')).toHaveLength(3);
    expect((await app.inventory.load('main')).state.skus['pen']).toEqual({ onHand: 2, reserved: 2 });
    expect(gateway.calls).toBe(2);
  });

  it('a step that runs again finds its earlier write instead of repeating it', async () => {
    const { app, gateway } = await start();
    await app.placeOrder('o-4', 'c-1', [book(1)]);
    await app.orchestrator.idle();
    const before = await toArray(app.store.readAll());

    // Re-running the steps that write (as after a crash before a completion was recorded) changes
    // nothing. (check-order only reads: after a crash it runs before anything else.)
    const { placeOrderSaga } = await import('./place-order.js');
    const saga = placeOrderSaga({ ...app, gateway });
    const placed = (await toArray(app.store.readStream('order-o-4')))[0];
    const results: Record<string, unknown> = { 'check-order': { orderId: 'o-4' } };
    for (const step of saga.steps.slice(1)) {
      if (!('run' in step) || !step.run || !placed) continue;
      results[step.name] = await step.run({
        saga: 'place-order',
        sagaId: 'o-4',
        step: step.name,
        input: placed.data as never,
        results,
        idempotencyKey: `sagaPlaceOrder-o-4/${step.name}`,
        signal: new AbortController().signal,
        metadata: {},
        attempt: 2,
      });
    }
    expect((await toArray(app.store.readAll())).length).toBe(before.length);
    expect(gateway.calls).toBe(1);
  });
});
