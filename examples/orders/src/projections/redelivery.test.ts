import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import { checkpointName } from '@strata/projections';
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

describe('the read models', () => {
  it('stock levels follow stock taken out of the warehouse', async () => {
    app = createOrdersApp({ store: new MemoryEventStore(), gateway: new InMemoryPaymentGateway() });
    await app.restock('pen', 5);
    await app.inventory.update('main', (stock) => stock.removeStock('pen', 2));
    await app.runner.catchUp();
    const pen = await app.target.documents<StockLevel>(STOCK_LEVELS, 'skus').get(stockLevelId('main', 'pen'));
    expect(pen).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    expect((await app.inventory.load('main')).available('pen')).toBe(3);
  });

  it('a batch delivered again (the memory target is at least once) changes nothing', async () => {
    const checkpoints = new MemoryCheckpointStore();
    const gateway = new InMemoryPaymentGateway().decline('c-broke');
    app = createOrdersApp({ store: new MemoryEventStore(), gateway, checkpoints });
    await app.restock('book', 5);
    await app.orchestrator.start();
    await app.placeOrder('o-1', 'c-1', [{ sku: 'book', quantity: 2, unitPrice: 1250 }]);
    await app.placeOrder('o-2', 'c-broke', [{ sku: 'book', quantity: 1, unitPrice: 1250 }]);
    await app.orchestrator.idle();
    await app.runner.catchUp();
    const read = async () => ({
      orders: await app?.target.documents<OrderSummary>(ORDER_SUMMARIES, 'orders').find(() => true),
      skus: await app?.target.documents<StockLevel>(STOCK_LEVELS, 'skus').find(() => true),
    });
    const once = await read();
    expect(once.skus).toEqual([expect.objectContaining({ onHand: 5, reserved: 2, available: 3 })]);
    expect(once.orders?.map((o) => [o.orderId, o.status])).toEqual([
      ['o-1', 'confirmed'],
      ['o-2', 'cancelled'],
    ]);

    // As after a crash between the read-model writes and the checkpoint: every event again.
    for (const name of [ORDER_SUMMARIES, STOCK_LEVELS])
      await checkpoints.delete(checkpointName({ name, version: 1, generation: 0 }));
    await app.runner.catchUp();
    expect(await read()).toEqual(once);
  });
});
