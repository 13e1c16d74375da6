import { createEventStore } from '@strata/core';
import { describe, expect, it, vi } from 'vitest';
import { happyPath, operations, withHooks } from './operate.js';
import { OrderPlaced } from './place-order.js';

describe('sagas: operating the orchestrator', () => {
  it('runs the order saga: waits for the slot, then confirms', async () => {
    const { waiting, done, confirmed, inventory, payments } = await happyPath();
    expect(waiting?.status).toBe('waiting');
    expect(waiting?.steps.map((s) => s.status)).toEqual(['completed', 'completed', 'waiting', 'pending']);
    expect(waiting?.steps[2]?.deadline).toBeInstanceOf(Date);
    expect(done?.status).toBe('completed');
    expect(confirmed).toEqual(['o-1 {"orderId":"o-1","slot":"mon-am"}']);
    expect([...inventory.reservations.keys()]).toEqual(['sagaPlaceOrder-o-1/reserve-stock']);
    expect(payments.charges.size).toBe(1);
  });

  it('cancels, compensates a failed saga, and has no dead letters to retry', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { cancelled, failed, deadLetters, inventory, payments } = await operations();
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.failure).toEqual({ cause: 'cancelled', reason: 'customer cancelled' });
    expect(failed?.status).toBe('compensated');
    expect(failed?.failure).toMatchObject({ cause: 'failed', step: 'charge-payment' });
    expect(failed?.steps[1]).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: { message: 'card declined' },
    });
    expect(deadLetters).toEqual([]);
    expect([...payments.refunded]).toEqual(['c-1']);
    expect([...inventory.released]).toEqual(['r-1', 'r-2']);
  });

  it('reports to the hooks', async () => {
    const store = createEventStore('memory:');
    const seen: string[] = [];
    const orchestrator = withHooks(store, seen);
    await store.append('order-o-9', [OrderPlaced.create({ orderId: 'o-9', items: [], amount: 1 })]);
    await orchestrator.catchUp();
    await orchestrator.idle();
    await orchestrator.stop();
    expect(seen[0]).toBe('started place-order o-9');
    expect(seen.slice(1).map((s) => s.replace(/ in \d+ ms/, ''))).toEqual([
      'run reserve-stock #1 completed',
      'run charge-payment #1 completed',
    ]);
  });
});
