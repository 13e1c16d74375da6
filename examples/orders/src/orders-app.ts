// Wires the order workflow on one event store: repositories, the place-order saga and the
// read models. The demo and the tests build it the same way.
import { MemoryCheckpointStore, Repository, type CheckpointStore, type EventStore } from '@strata/core';
import { MemoryReadModelTarget, ProjectionRunner, type ReadModelTarget } from '@strata/projections';
import { SagaOrchestrator } from '@strata/sagas';
import { Inventory } from './domain/inventory.js';
import { Order, type OrderLine } from './domain/order.js';
import { Payment } from './domain/payment.js';
import { orderSummaries } from './projections/order-summaries.js';
import { stockLevels } from './projections/stock-levels.js';
import type { PaymentGateway } from './sagas/payment-gateway.js';
import { placeOrderSaga } from './sagas/place-order.js';

export interface OrdersAppOptions {
  readonly store: EventStore;
  readonly gateway: PaymentGateway;
  /** Default: `'main'`. */
  readonly warehouseId?: string;
  /** Where the saga orchestrator and the projection runner keep their checkpoints; memory by default. */
  readonly checkpoints?: CheckpointStore;
  /** Where the read models go; memory by default. */
  readonly target?: ReadModelTarget;
  readonly onError?: (error: unknown) => void;
}

export function createOrdersApp(options: OrdersAppOptions) {
  const { store, gateway } = options;
  const warehouseId = options.warehouseId ?? 'main';
  const checkpoints = options.checkpoints ?? new MemoryCheckpointStore();
  const target: ReadModelTarget = options.target ?? new MemoryReadModelTarget();
  const orders = new Repository(store, Order);
  const inventory = new Repository(store, Inventory);
  const payments = new Repository(store, Payment);
  const orchestrator = new SagaOrchestrator({
    // Its own checkpoint name: other orchestrators (another domain's) may share the store.
    name: 'orders',
    store,
    checkpoints,
    sagas: [placeOrderSaga({ orders, inventory, payments, gateway, warehouseId })],
    ...(options.onError ? { onError: options.onError } : {}),
  });
  // A transactional target (PostgreSQL) keeps its own checkpoints beside the read models.
  const runner = new ProjectionRunner({
    store,
    target,
    projections: [orderSummaries, stockLevels],
    ...(target.checkpoints ? {} : { checkpoints }),
  });

  return {
    store,
    warehouseId,
    orders,
    inventory,
    payments,
    orchestrator,
    runner,
    target,
    /** Adds stock to the warehouse (creating it on first use). */
    async restock(sku: string, quantity: number): Promise<void> {
      const warehouse = (await inventory.find(warehouseId)) ?? inventory.create(warehouseId);
      warehouse.addStock(sku, quantity);
      await inventory.save(warehouse);
    },
    /** Places an order: its `order.placed` event starts the place-order saga. */
    async placeOrder(orderId: string, customerId: string, items: readonly OrderLine[]): Promise<void> {
      const order = orders.create(orderId);
      order.place(customerId, items);
      await orders.save(order);
    },
  };
}

export type OrdersApp = ReturnType<typeof createOrdersApp>;
