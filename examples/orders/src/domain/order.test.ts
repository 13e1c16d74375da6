import { checkAggregate, given } from '@strata/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Order, OrderCancelled, OrderConfirmed, OrderPlaced, orderTotal } from './order.js';

const book = { sku: 'book', quantity: 2, unitPrice: 1250 };
const pen = { sku: 'pen', quantity: 1, unitPrice: 300 };
const placed = OrderPlaced.create({ orderId: 'o-1', customerId: 'c-1', items: [book, pen], total: 2800 });

describe('Order', () => {
  it('placing an order records its items and total', async () => {
    await given(Order, [], { id: 'o-1' })
      .when((order) => order.place('c-1', [book, pen]))
      .then([placed]);
  });

  it('an order is placed once', async () => {
    await given(Order, [placed], { id: 'o-1' })
      .when((order) => order.place('c-1', [book]))
      .thenThrows('ORDER_ALREADY_PLACED');
  });

  it('an order needs items', async () => {
    await given(Order, [], { id: 'o-1' })
      .when((order) => order.place('c-1', []))
      .thenThrows('ORDER_EMPTY');
  });

  it('quantities are positive integers and prices positive cents', async () => {
    const error = await given(Order, [], { id: 'o-1' })
      .when((order) => order.place('c-1', [book, { sku: 'pen', quantity: 0, unitPrice: 300 }]))
      .thenThrows('INVALID_QUANTITY');
    expect(error).toMatchObject({ details: { index: 1, sku: 'pen', quantity: 0 } });
    await given(Order, [], { id: 'o-1' })
      .when((order) => order.place('c-1', [{ sku: 'pen', quantity: 1, unitPrice: 2.5 }]))
      .thenThrows('INVALID_PRICE');
  });

  it('a placed order is confirmed with a payment of its total', async () => {
    await given(Order, [placed], { id: 'o-1' })
      .when((order) => order.confirm('p-1', 2800))
      .then([OrderConfirmed.create({ orderId: 'o-1', paymentId: 'p-1', paid: 2800 })]);
  });

  it('a payment of another amount does not confirm the order', async () => {
    const error = await given(Order, [placed], { id: 'o-1' })
      .when((order) => order.confirm('p-1', 2799))
      .thenThrows('PAYMENT_MISMATCH');
    expect(error).toMatchObject({ details: { orderId: 'o-1', total: 2800, paid: 2799 } });
  });

  it('only a placed order is confirmed or cancelled', async () => {
    await given(Order, [], { id: 'o-1' })
      .when((order) => order.confirm('p-1', 2800))
      .thenThrows('ORDER_NOT_PLACED');
    await given(Order, [], { id: 'o-1' })
      .when((order) => order.cancel('changed my mind'))
      .thenThrows('ORDER_NOT_PLACED');
  });

  it('a placed order is cancelled with a reason', async () => {
    await given(Order, [placed], { id: 'o-1' })
      .when((order) => order.cancel('out of stock'))
      .thenState((state) => {
        expect(state.status).toBe('cancelled');
        expect(state.cancelReason).toBe('out of stock');
      });
  });

  it('a confirmed order cannot be cancelled, nor a cancelled one confirmed', async () => {
    const confirmed = OrderConfirmed.create({ orderId: 'o-1', paymentId: 'p-1', paid: 2800 });
    await given(Order, [placed, confirmed], { id: 'o-1' })
      .when((order) => order.cancel('too late'))
      .thenThrows('ORDER_ALREADY_CONFIRMED');
    const cancelled = OrderCancelled.create({ orderId: 'o-1', reason: 'out of stock' });
    await given(Order, [placed, cancelled], { id: 'o-1' })
      .when((order) => order.confirm('p-1', 2800))
      .thenThrows('ORDER_CANCELLED');
    await given(Order, [placed, cancelled], { id: 'o-1' })
      .when((order) => order.cancel('again'))
      .thenThrows('ORDER_CANCELLED');
  });

  it('keeps its invariants under any command sequence', async () => {
    const line = fc.record({
      sku: fc.constantFrom('book', 'pen', 'mug'),
      quantity: fc.integer({ min: 0, max: 5 }),
      unitPrice: fc.integer({ min: 0, max: 5000 }),
    });
    const result = await checkAggregate(Order, {
      id: 'o-1',
      commands: {
        place: {
          args: fc.tuple(fc.array(line, { maxLength: 4 })),
          run: (o, [items]) => o.place('c-1', items),
        },
        confirm: {
          // Mostly the right amount, sometimes not: the mismatch must be refused.
          args: fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 50_000 })),
          run: (o, [exact, amount]) => o.confirm('p-1', exact ? o.state.total : amount),
        },
        cancel: { args: fc.tuple(fc.string()), run: (o, [reason]) => o.cancel(reason) },
      },
      invariants: {
        'a confirmed order was paid its total': (s) =>
          s.status !== 'confirmed' || (s.paid === s.total && s.paid > 0),
        'the total is the sum of the lines': (s) => s.total === orderTotal(s.items),
        'an unplaced order has no items': (s) => s.status !== 'new' || s.items.length === 0,
      },
      numRuns: 60,
      seed: 20261126,
    });
    const confirm = result.commands.confirm;
    expect(confirm?.rejected).toBeGreaterThan(0);
    expect(confirm && confirm.runs - confirm.rejected).toBeGreaterThan(0);
  });
});
