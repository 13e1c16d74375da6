// The whole workflow on an embedded PostgreSQL (PGlite): the saga's three paths, with the read
// models written by the transactional PostgreSQL target.
import { PostgresEventStore } from '@strata/postgres';
import { PostgresReadModelTarget } from '@strata/projections/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrdersApp, type OrdersApp } from './orders-app.js';
import { ORDER_SUMMARIES, type OrderSummary } from './projections/order-summaries.js';
import { STOCK_LEVELS, stockLevelId, type StockLevel } from './projections/stock-levels.js';
import { InMemoryPaymentGateway } from './sagas/payment-gateway.js';

let store: PostgresEventStore;
let app: OrdersApp;
const gateway = new InMemoryPaymentGateway().decline('c-broke');

beforeAll(async () => {
  store = new PostgresEventStore({ url: 'pglite:' });
  app = createOrdersApp({
    store,
    gateway,
    checkpoints: store.checkpoints,
    target: new PostgresReadModelTarget({ store }),
  });
  await app.restock('book', 5);
  await app.restock('pen', 2);
  await app.orchestrator.start();
  await app.placeOrder('o-1', 'c-1', [{ sku: 'book', quantity: 2, unitPrice: 1250 }]);
  await app.placeOrder('o-2', 'c-broke', [{ sku: 'pen', quantity: 1, unitPrice: 300 }]);
  await app.placeOrder('o-3', 'c-2', [{ sku: 'pen', quantity: 3, unitPrice: 300 }]);
  await app.orchestrator.idle();
  await app.runner.catchUp();
}, 30_000);

afterAll(async () => {
  await app.orchestrator.stop();
  await store.close();
});

describe('the order workflow on PGlite', () => {
  it('completes one order and compensates the declined and the out-of-stock ones', async () => {
    const statuses = await Promise.all(
      ['o-1', 'o-2', 'o-3'].map(async (id) => (await app.orchestrator.get('place-order', id))?.status),
    );
    expect(statuses).toEqual(['completed', 'compensated', 'compensated']);
    expect((await app.orders.load('o-1')).state.status).toBe('confirmed');
    expect((await app.orders.load('o-2')).state.cancelReason).toBe('payment declined');
    expect((await app.orders.load('o-3')).state.cancelReason).toBe('out of stock');
    expect((await app.payments.load('o-2')).state.captured).toBe(0);
    expect(await app.payments.find('o-3')).toBeUndefined();
    expect((await app.inventory.load('main')).state.skus).toEqual({
      book: { onHand: 5, reserved: 2 },
      pen: { onHand: 2, reserved: 0 },
    });
  });

  it('writes the read models in PostgreSQL', async () => {
    const orders = app.target.documents<OrderSummary>(ORDER_SUMMARIES, 'orders');
    expect((await orders.find(() => true)).map((doc) => [doc.orderId, doc.status]).sort()).toEqual([
      ['o-1', 'confirmed'],
      ['o-2', 'cancelled'],
      ['o-3', 'cancelled'],
    ]);
    const levels = app.target.documents<StockLevel>(STOCK_LEVELS, 'skus');
    expect(await levels.get(stockLevelId('main', 'book'))).toMatchObject({
      onHand: 5,
      reserved: 2,
      available: 3,
    });
    expect(await levels.get(stockLevelId('main', 'pen'))).toMatchObject({
      onHand: 2,
      reserved: 0,
      available: 2,
    });
  });
});
