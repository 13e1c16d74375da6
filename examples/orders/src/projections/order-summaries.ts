// Order summaries: one document per order, with its status, total and why it was cancelled.
import { defineProjection } from '@strata/projections';
import { OrderEvents } from '../domain/order.js';

export type OrderSummary = {
  orderId: string;
  customerId: string;
  status: 'placed' | 'confirmed' | 'cancelled';
  itemCount: number;
  total: number;
  paymentId: string | null;
  cancelReason: string | null;
  /** The position of the last event applied: the memory target may deliver a batch twice. */
  position: string;
};

export const ORDER_SUMMARIES = 'order-summaries';

/** True when the document already reflects the event (a repeated delivery). */
const seen = (doc: { position: string }, position: bigint) => BigInt(doc.position) >= position;

export const orderSummaries = defineProjection({
  name: ORDER_SUMMARIES,
  version: 1,
  onError: 'dead-letter',
  events: OrderEvents,
  handlers: {
    'order.placed': async (event, { documents }) => {
      const orders = documents<OrderSummary>('orders');
      if (await orders.get(event.data.orderId)) return;
      await orders.set(event.data.orderId, {
        orderId: event.data.orderId,
        customerId: event.data.customerId,
        status: 'placed',
        itemCount: event.data.items.reduce((sum, line) => sum + line.quantity, 0),
        total: event.data.total,
        paymentId: null,
        cancelReason: null,
        position: event.position.toString(),
      });
    },
    'order.confirmed': (event, { documents }) =>
      documents<OrderSummary>('orders').update(event.data.orderId, (doc) => {
        if (seen(doc, event.position)) return;
        doc.status = 'confirmed';
        doc.paymentId = event.data.paymentId;
        doc.position = event.position.toString();
      }),
    'order.cancelled': (event, { documents }) =>
      documents<OrderSummary>('orders').update(event.data.orderId, (doc) => {
        if (seen(doc, event.position)) return;
        doc.status = 'cancelled';
        doc.cancelReason = event.data.reason;
        doc.position = event.position.toString();
      }),
  },
});
