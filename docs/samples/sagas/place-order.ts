// #region events
import { defineEvent } from '@strata/core';
import { defineSaga, type StepContext } from '@strata/sagas';
import { z } from 'zod';

export const OrderPlaced = defineEvent(
  'orders.order.placed',
  z.object({ orderId: z.string(), items: z.array(z.string()), amount: z.number() }),
);
export const ShippingSlotBooked = defineEvent(
  'shipping.slot.booked',
  z.object({ orderId: z.string(), slot: z.string() }),
);
type Order = z.output<typeof OrderPlaced.schema>;
// #endregion

// #region services
/** A stock service that keeps one reservation per idempotency key: a repeated call answers the same. */
export class Inventory {
  readonly reservations = new Map<string, { reservationId: string; items: string[] }>();
  readonly released = new Set<string>();

  async reserve(items: string[], options: { key: string; signal: AbortSignal }) {
    options.signal.throwIfAborted();
    const known = this.reservations.get(options.key);
    if (known) return known;
    const reservation = { reservationId: `r-${this.reservations.size + 1}`, items };
    this.reservations.set(options.key, reservation);
    return reservation;
  }

  async release(reservationId: string, _options: { key: string }) {
    this.released.add(reservationId); // releasing twice is harmless: a set
  }
}

export class Payments {
  declineNext = 0;
  readonly charges = new Map<string, { chargeId: string; amount: number }>();
  readonly refunded = new Set<string>();

  async charge(amount: number, options: { key: string; signal: AbortSignal }) {
    if (this.declineNext > 0) {
      this.declineNext--;
      throw new Error('card declined');
    }
    const known = this.charges.get(options.key);
    if (known) return known;
    const charge = { chargeId: `c-${this.charges.size + 1}`, amount };
    this.charges.set(options.key, charge);
    return charge;
  }

  async refund(chargeId: string, _options: { key: string }) {
    this.refunded.add(chargeId);
  }
}
// #endregion

// #region define
export function placeOrderSaga(inventory: Inventory, payments: Payments, confirmed: string[]) {
  // Named step functions with a typed context: TypeScript infers each step's output from them,
  // so `compensate` gets a typed `ctx.output`.
  const reserveStock = (ctx: StepContext<Order>) =>
    inventory.reserve(ctx.input.items, { key: ctx.idempotencyKey, signal: ctx.signal });
  const chargePayment = (ctx: StepContext<Order>) =>
    payments.charge(ctx.input.amount, { key: ctx.idempotencyKey, signal: ctx.signal });

  return defineSaga({
    name: 'place-order', // streams: sagaPlaceOrder-<orderId>
    startedBy: OrderPlaced,
    correlate: (event) => event.data.orderId, // one saga instance per order, ever
    steps: [
      {
        name: 'reserve-stock',
        run: reserveStock,
        compensate: (ctx) => inventory.release(ctx.output.reservationId, { key: ctx.idempotencyKey }),
      },
      {
        name: 'charge-payment',
        run: chargePayment,
        compensate: (ctx) => payments.refund(ctx.output.chargeId, { key: ctx.idempotencyKey }),
      },
      { name: 'await-shipping-slot', waitFor: ShippingSlotBooked, timeoutMs: 60_000 },
      {
        name: 'confirm-order', // nothing to undo: the last step
        run: (ctx) => {
          confirmed.push(`${ctx.input.orderId} ${JSON.stringify(ctx.results['await-shipping-slot'])}`);
        },
      },
    ],
    retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5_000 }, // exponential, full jitter
    timeoutMs: 10_000, // per attempt of a run or a compensate
  });
}
// #endregion
