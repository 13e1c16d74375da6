// The Order aggregate: placed with its items and total, then confirmed once paid, or cancelled.
import {
  AggregateRoot,
  DomainError,
  defineEvent,
  defineEvents,
  type Draft,
  type EventOf,
} from '@strata/core';
import { z } from 'zod';

/** Money is in cents, so totals add up exactly. */
const OrderLine = z.object({
  sku: z.string().min(1),
  quantity: z.number().int().positive(),
  unitPrice: z.number().int().positive(),
});
export type OrderLine = z.output<typeof OrderLine>;

export const OrderPlaced = defineEvent(
  'order.placed',
  z.object({
    orderId: z.string(),
    customerId: z.string(),
    items: z.array(OrderLine).min(1),
    total: z.number().int().positive(),
  }),
);
export const OrderConfirmed = defineEvent(
  'order.confirmed',
  z.object({ orderId: z.string(), paymentId: z.string(), paid: z.number().int().nonnegative() }),
);
export const OrderCancelled = defineEvent(
  'order.cancelled',
  z.object({ orderId: z.string(), reason: z.string() }),
);
export const OrderEvents = defineEvents(OrderPlaced, OrderConfirmed, OrderCancelled);
export type OrderEvent = EventOf<typeof OrderEvents>;

export type OrderStatus = 'new' | 'placed' | 'confirmed' | 'cancelled';
export type OrderState = {
  status: OrderStatus;
  customerId: string;
  items: OrderLine[];
  total: number;
  /** What the confirming payment took; 0 until confirmed. */
  paid: number;
  paymentId: string | undefined;
  cancelReason: string | undefined;
};

/** The sum of quantity × unit price over the lines. */
export function orderTotal(items: readonly OrderLine[]): number {
  return items.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
}

export class Order extends AggregateRoot<OrderState, OrderEvent> {
  static readonly category = 'order';
  static readonly events = OrderEvents;

  protected initialState(): OrderState {
    return {
      status: 'new',
      customerId: '',
      items: [],
      total: 0,
      paid: 0,
      paymentId: undefined,
      cancelReason: undefined,
    };
  }

  protected apply(state: Draft<OrderState>, event: OrderEvent): void {
    switch (event.type) {
      case 'order.placed':
        state.status = 'placed';
        state.customerId = event.data.customerId;
        state.items = event.data.items.map((line) => ({ ...line }));
        state.total = event.data.total;
        return;
      case 'order.confirmed':
        state.status = 'confirmed';
        state.paymentId = event.data.paymentId;
        state.paid = event.data.paid;
        return;
      case 'order.cancelled':
        state.status = 'cancelled';
        state.cancelReason = event.data.reason;
        return;
    }
  }

  place(customerId: string, items: readonly OrderLine[]): void {
    if (this.state.status !== 'new') {
      throw new DomainError('ORDER_ALREADY_PLACED', `order ${this.id} was already placed`, {
        orderId: this.id,
      });
    }
    if (items.length === 0) {
      throw new DomainError('ORDER_EMPTY', `order ${this.id} has no items`, { orderId: this.id });
    }
    for (const [index, line] of items.entries()) {
      if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
        throw new DomainError(
          'INVALID_QUANTITY',
          `line ${index} (${line.sku}): quantity must be a positive integer`,
          {
            index,
            sku: line.sku,
            quantity: line.quantity,
          },
        );
      }
      if (!Number.isInteger(line.unitPrice) || line.unitPrice <= 0) {
        throw new DomainError(
          'INVALID_PRICE',
          `line ${index} (${line.sku}): unit price must be a positive number of cents`,
          {
            index,
            sku: line.sku,
            unitPrice: line.unitPrice,
          },
        );
      }
    }
    this.raise(OrderPlaced, {
      orderId: this.id,
      customerId,
      items: items.map((line) => ({ ...line })),
      total: orderTotal(items),
    });
  }

  /** Confirms a placed order once a payment of exactly its total was captured. */
  confirm(paymentId: string, paid: number): void {
    this.#mustBeOpen('confirm');
    if (paid !== this.state.total) {
      throw new DomainError(
        'PAYMENT_MISMATCH',
        `order ${this.id} totals ${this.state.total}, but ${paid} was paid`,
        {
          orderId: this.id,
          total: this.state.total,
          paid,
        },
      );
    }
    this.raise(OrderConfirmed, { orderId: this.id, paymentId, paid });
  }

  cancel(reason: string): void {
    this.#mustBeOpen('cancel');
    this.raise(OrderCancelled, { orderId: this.id, reason });
  }

  #mustBeOpen(action: string): void {
    const { status } = this.state;
    if (status === 'placed') return;
    const code =
      status === 'new'
        ? 'ORDER_NOT_PLACED'
        : status === 'confirmed'
          ? 'ORDER_ALREADY_CONFIRMED'
          : 'ORDER_CANCELLED';
    throw new DomainError(code, `cannot ${action} order ${this.id}: it is ${status}`, {
      orderId: this.id,
      status,
    });
  }
}
