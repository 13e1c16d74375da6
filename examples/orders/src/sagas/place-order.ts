// The place-order saga: reserve stock → charge the payment → confirm the order. Every step acts
// on an aggregate through its Repository and checks the aggregate first, so a step that runs
// again (a retry, a restart) finds its own earlier write instead of doing it twice.
import { DomainError, type Metadata, type Repository } from '@strata/core';
import { defineSaga, type StepContext } from '@strata/sagas';
import type { z } from 'zod';
import type { Inventory } from '../domain/inventory.js';
import { OrderPlaced, type Order } from '../domain/order.js';
import type { Payment } from '../domain/payment.js';
import type { PaymentGateway } from './payment-gateway.js';

type Placed = z.output<typeof OrderPlaced.schema>;

export interface PlaceOrderDeps {
  readonly orders: Repository<Order>;
  readonly inventory: Repository<Inventory>;
  readonly payments: Repository<Payment>;
  readonly gateway: PaymentGateway;
  /** The Inventory aggregate that stocks every order. */
  readonly warehouseId: string;
}

/** Stamps the step's idempotency key on the events it causes, beside correlation and causation. */
function stamped(ctx: StepContext<Placed>): Metadata {
  return { ...ctx.metadata, idempotencyKey: ctx.idempotencyKey };
}

/** Concurrent orders write the one Inventory aggregate: a conflict reloads and decides again. */
const CONFLICT_RETRIES = 10;

export function placeOrderSaga(deps: PlaceOrderDeps) {
  const { orders, inventory, payments, gateway, warehouseId } = deps;

  const checkOrder = async (ctx: StepContext<Placed>) => {
    const order = await orders.load(ctx.input.orderId);
    if (order.state.status !== 'placed') {
      throw new DomainError('ORDER_NOT_OPEN', `order ${order.id} is ${order.state.status}`, {
        orderId: order.id,
        status: order.state.status,
      });
    }
    return { orderId: order.id };
  };

  const reserveStock = async (ctx: StepContext<Placed>) => {
    // The key names the reservation: a second run finds it instead of reserving again.
    const reservationId = ctx.idempotencyKey;
    await inventory.update(
      warehouseId,
      (stock) => {
        if (stock.state.reservations[reservationId]) return;
        stock.reserve(reservationId, ctx.input.orderId, ctx.input.items);
      },
      { retries: CONFLICT_RETRIES, metadata: stamped(ctx) },
    );
    return { reservationId };
  };

  const chargePayment = async (ctx: StepContext<Placed>) => {
    const { orderId, customerId, total } = ctx.input;
    const payment = (await payments.find(orderId)) ?? payments.create(orderId);
    if (payment.state.status === 'new') {
      const decision = await gateway.authorise({
        paymentId: payment.id,
        customerId,
        amount: total,
        key: ctx.idempotencyKey,
        signal: ctx.signal,
      });
      if (decision.approved) payment.authorise(orderId, total);
      else payment.decline(orderId, total, decision.reason);
    }
    if (payment.state.status === 'declined') {
      await payments.save(payment, { metadata: stamped(ctx) });
      throw new DomainError(
        'PAYMENT_DECLINED',
        `payment ${payment.id} was declined: ${payment.state.declineReason}`,
        {
          paymentId: payment.id,
          reason: payment.state.declineReason,
        },
      );
    }
    const left = total - payment.state.captured;
    if (left > 0) payment.capture(left);
    await payments.save(payment, { metadata: stamped(ctx) });
    return { paymentId: payment.id, amount: total };
  };

  const confirmOrder = async (ctx: StepContext<Placed>) => {
    const { paymentId, amount } = ctx.results['charge-payment'] as { paymentId: string; amount: number };
    await orders.update(
      ctx.input.orderId,
      (order) => {
        if (order.state.status === 'confirmed') return;
        order.confirm(paymentId, amount);
      },
      { metadata: stamped(ctx) },
    );
  };

  return defineSaga({
    name: 'place-order', // streams: sagaPlaceOrder-<orderId>
    startedBy: OrderPlaced,
    correlate: (event) => event.data.orderId,
    steps: [
      {
        // Nothing to do but check; its compensation cancels the order when a later step fails.
        name: 'check-order',
        run: checkOrder,
        compensate: async (ctx) => {
          const reason =
            ctx.results['reserve-stock'] === undefined
              ? 'out of stock'
              : ctx.results['charge-payment'] === undefined
                ? 'payment declined'
                : 'could not be confirmed';
          await orders.update(
            ctx.output.orderId,
            (order) => {
              if (order.state.status === 'placed') order.cancel(reason);
            },
            { metadata: stamped(ctx) },
          );
        },
      },
      {
        name: 'reserve-stock',
        run: reserveStock,
        compensate: async (ctx) => {
          const { reservationId } = ctx.output;
          await inventory.update(
            warehouseId,
            (stock) => {
              if (stock.state.reservations[reservationId]?.released === false) stock.release(reservationId);
            },
            { retries: CONFLICT_RETRIES, metadata: stamped(ctx) },
          );
        },
      },
      {
        name: 'charge-payment',
        run: chargePayment,
        compensate: async (ctx) => {
          await payments.update(
            ctx.output.paymentId,
            (payment) => {
              const refundable = payment.state.captured - payment.state.refunded;
              if (refundable > 0) payment.refund(refundable);
            },
            { metadata: stamped(ctx) },
          );
        },
      },
      { name: 'confirm-order', run: confirmOrder },
    ],
    // Domain refusals (out of stock, declined) are DomainErrors, which a saga never retries: the
    // saga compensates at once. Retries are for outages; conflicts are retried inside the steps
    // by Repository.update.
    retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 5_000,
  });
}
