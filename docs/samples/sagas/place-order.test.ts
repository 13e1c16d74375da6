import { describe, expect, it } from 'vitest';
import { Inventory, Payments, placeOrderSaga } from './place-order.js';

describe('sagas: defining the order saga', () => {
  it('defines four steps in a category without dashes, with the given policy', () => {
    const saga = placeOrderSaga(new Inventory(), new Payments(), []);
    expect(saga.category).toBe('sagaPlaceOrder');
    expect(saga.steps.map((s) => s.name)).toEqual([
      'reserve-stock',
      'charge-payment',
      'await-shipping-slot',
      'confirm-order',
    ]);
    expect(saga.retry).toEqual({ maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5_000 });
    expect(saga.timeoutMs).toBe(10_000);
  });

  it('the services answer a repeated idempotency key with the first answer', async () => {
    const inventory = new Inventory();
    const signal = new AbortController().signal;
    const first = await inventory.reserve(['a'], { key: 'k', signal });
    expect(await inventory.reserve(['a'], { key: 'k', signal })).toBe(first);
    expect(inventory.reservations.size).toBe(1);
  });
});
