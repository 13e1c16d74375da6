import { MemoryEventStore } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrdersApp, type OrdersApp } from '../orders-app.js';
import { InMemoryPaymentGateway } from '../sagas/payment-gateway.js';
import { ORDER_SUMMARIES, type OrderSummary } from './order-summaries.js';
import { STOCK_LEVELS, stockLevelId, type StockLevel } from './stock-levels.js';

let app: OrdersApp | undefined;
afterEach(async () => {
  await app?.orchestrator.stop();
  app = undefined;
});

/** One completed order, one declined, one out of stock. */
async function run() {
  const gateway = new InMemoryPaymentGateway().decline('c-broke');
  app = createOrdersApp({ store: new MemoryEventStore(), gateway });
  await app.restock('book', 5);
  await app.restock('pen', 2);
  await app.orchestrator.start();
  await app.placeOrder('o-1', 'c-1', [
    { sku: 'book', quantity: 2, unitPrice: 1250 },
    { sku: 'pen', quantity: 1, unitPrice: 300 },
  ]);
  await app.placeOrder('o-2', 'c-broke', [{ sku: 'book', quantity: 3, unitPrice: 1250 }]);
  await app.placeOrder('o-3', 'c-2', [{ sku: 'pen', quantity: 2, unitPrice: 300 }]);
  await app.orchestrator.idle();
  await app.runner.catchUp();
  return app;
}

const summaryOf = (doc: OrderSummary | undefined) =>
  doc && { status: doc.status, total: doc.total, itemCount: doc.itemCount, reason: doc.cancelReason };

describe('the read models after a run', () => {
  it('order summaries show each order as it ended', async () => {
    const app = await run();
    const orders = app.target.documents<OrderSummary>(ORDER_SUMMARIES, 'orders');
    expect(summaryOf(await orders.get('o-1'))).toEqual({
      status: 'confirmed',
      total: 2800,
      itemCount: 3,
      reason: null,
    });
    expect(summaryOf(await orders.get('o-2'))).toEqual({
      status: 'cancelled',
      total: 3750,
      itemCount: 3,
      reason: 'payment declined',
    });
    expect(summaryOf(await orders.get('o-3'))).toEqual({
      status: 'cancelled',
      total: 600,
      itemCount: 2,
      reason: 'out of stock',
    });
    expect((await orders.get('o-1'))?.paymentId).toBe('o-1');
    expect(await orders.count()).toBe(3);
  });

  it('stock levels match the Inventory aggregate', async () => {
    const app = await run();
    const levels = app.target.documents<StockLevel>(STOCK_LEVELS, 'skus');
    const pick = (doc: StockLevel | undefined) => doc && [doc.onHand, doc.reserved, doc.available];
    expect(pick(await levels.get(stockLevelId('main', 'book')))).toEqual([5, 2, 3]);
    expect(pick(await levels.get(stockLevelId('main', 'pen')))).toEqual([2, 1, 1]);
    const stock = await app.inventory.load('main');
    for (const [sku, { onHand, reserved }] of Object.entries(stock.state.skus)) {
      expect(pick(await levels.get(stockLevelId('main', sku)))).toEqual([
        onHand,
        reserved,
        stock.available(sku),
      ]);
    }
  });

  it('a rebuild from position 0 gives the same read models', async () => {
    const app = await run();
    const read = async () => ({
      orders: await app.target.documents<OrderSummary>(ORDER_SUMMARIES, 'orders').find(() => true),
      skus: await app.target.documents<StockLevel>(STOCK_LEVELS, 'skus').find(() => true),
    });
    const before = await read();
    await app.runner.rebuild(ORDER_SUMMARIES);
    await app.runner.rebuild(STOCK_LEVELS);
    expect(await read()).toEqual(before);
    expect(before.orders).toHaveLength(3);
  });
});
