// The order workflow: the place-order saga drives Order, Inventory and Payment; one order
// completes, one is declined and compensates, one finds no stock and is never charged.
import {
  createOrdersApp,
  InMemoryPaymentGateway,
  ORDER_SUMMARIES,
  STOCK_LEVELS,
  type OrderLine,
  type OrderSummary,
  type OrdersApp,
  type StockLevel,
} from '@strata/example-orders';
import type { SagaStatus } from '@strata/sagas';
import type { DemoStore } from './demo-store.js';
import { euros, heading, say, table } from './narrator.js';
import { trail } from './saga-trail.js';

const mug = (quantity: number): OrderLine => ({ sku: 'mug', quantity, unitPrice: 1250 });
const beans = (quantity: number): OrderLine => ({ sku: 'beans', quantity, unitPrice: 900 });

async function placeAndFollow(
  app: OrdersApp,
  orderId: string,
  customerId: string,
  items: OrderLine[],
): Promise<SagaStatus> {
  const total = items.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const what = items.map((line) => `${line.quantity} × ${line.sku}`).join(', ');
  say(`${customerId} places order ${orderId}: ${what} (${euros(total)})`);
  await app.placeOrder(orderId, customerId, items);
  await app.orchestrator.idle();
  const status = await app.orchestrator.get('place-order', orderId);
  if (!status) throw new Error(`the place-order saga for ${orderId} did not start`);
  say(`   saga place-order (stream ${status.streamId}): ${trail(status)}`);
  return status;
}

export async function ordersChapter(demo: DemoStore, suffix = ''): Promise<void> {
  const gateway = new InMemoryPaymentGateway().decline('mallory', 'card declined by the issuer');
  const app = createOrdersApp({
    store: demo.store,
    gateway,
    checkpoints: demo.checkpoints,
    target: demo.target,
    warehouseId: `main${suffix}`,
  });

  heading('Orders: a saga across Order, Inventory and Payment');
  await app.restock('mug', 4);
  await app.restock('beans', 10);
  say('the main warehouse stocks 4 mugs and 10 bags of beans');
  await app.orchestrator.start();
  try {
    const done = await placeAndFollow(app, `o-1001${suffix}`, 'alice', [mug(2), beans(1)]);
    const order = await app.orders.load(`o-1001${suffix}`);
    say(
      `   order ${order.id} is ${order.state.status}: paid ${euros(order.state.paid)} (saga ${done.status})`,
    );

    const declined = await placeAndFollow(app, `o-1002${suffix}`, 'mallory', [mug(1)]);
    const { step, error } = declined.failure ?? {};
    say(
      `   ${step ?? 'a step'} failed with ${error?.name ?? 'an error'} ${error?.code ?? ''}: ${error?.message ?? ''}`,
    );
    const compensated = declined.steps.filter((step) => step.status === 'compensated').map((s) => s.name);
    const cancelled = await app.orders.load(`o-1002${suffix}`);
    say(
      `   compensation, in reverse: ${compensated.reverse().join(' then ')} — the mug went back to stock and the order was cancelled (${cancelled.state.cancelReason})`,
    );

    const short = await placeAndFollow(app, `o-1003${suffix}`, 'bob', [mug(5)]);
    const noStock = await app.orders.load(`o-1003${suffix}`);
    const payment = await app.payments.find(`o-1003${suffix}`);
    say(
      `   order ${noStock.id} is ${noStock.state.status} (${noStock.state.cancelReason}); card charged: ${payment ? 'yes' : 'no'} (saga ${short.status})`,
    );

    await app.runner.catchUp();
    heading('Read models: order summaries and stock levels');
    const summaries = await app.target
      .documents<OrderSummary>(ORDER_SUMMARIES, 'orders')
      .find((summary) => summary.orderId.endsWith(suffix));
    table(
      summaries
        .sort((a, b) => a.orderId.localeCompare(b.orderId))
        .map((s) => ({
          order: s.orderId,
          customer: s.customerId,
          items: s.itemCount,
          total: euros(s.total),
          status: s.status,
          reason: s.cancelReason,
        })),
    );
    const levels = await app.target
      .documents<StockLevel>(STOCK_LEVELS, 'skus')
      .find((level) => level.warehouseId === app.warehouseId);
    table(
      levels
        .sort((a, b) => a.sku.localeCompare(b.sku))
        .map((l) => ({ sku: l.sku, 'on hand': l.onHand, reserved: l.reserved, available: l.available })),
    );
  } finally {
    await app.orchestrator.stop();
  }
}
