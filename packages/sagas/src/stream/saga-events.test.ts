import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { SagaOrchestrator } from '../orchestrator/saga-orchestrator.js';
import { OrderPlaced, ShippingSlotBooked, TestEvents } from '../test-support/events.js';
import { FakeServices } from '../test-support/fake-services.js';
import { FakeTime } from '../test-support/fake-time.js';
import { placeOrderSaga } from '../test-support/test-sagas.js';
import { SagaEvents } from './saga-events.js';

describe('SagaEvents', () => {
  it('describes every event the orchestrator writes: a validating store accepts a whole run', async () => {
    const time = new FakeTime();
    // A store that rejects unknown types and validates data against the schemas.
    const store = new MemoryEventStore({ clock: time.clock, events: [TestEvents, SagaEvents] });
    const services = new FakeServices();
    services.script('v1', 'charge-payment', { failRuns: 1 });
    services.script('v2', 'charge-payment', { failRuns: 9 });
    services.script('v2', 'reserve-stock', { failCompensations: 9 });
    const errors: unknown[] = [];
    const orchestrator = new SagaOrchestrator({
      store,
      checkpoints: new MemoryCheckpointStore(),
      sagas: [placeOrderSaga(services)],
      clock: time.clock,
      sleep: time.sleep,
      onError: (error) => errors.push(error),
    });
    await orchestrator.start();
    for (const orderId of ['v1', 'v2', 'v3'])
      await store.append(`order-${orderId}`, [OrderPlaced.create({ orderId, items: ['x'], amount: 1 })]);
    await store.append('shipping-v1', [ShippingSlotBooked.create({ orderId: 'v1', slot: 's' })]);
    await orchestrator.idle();
    await orchestrator.cancel('place-order', 'v3', 'test');
    services.heal();
    await orchestrator.retry('place-order', 'v2');
    await orchestrator.stop();
    expect(errors).toEqual([]);
    const statuses = await orchestrator.list();
    expect(statuses.map((s) => `${s.sagaId} ${s.status}`).sort()).toEqual([
      'v1 completed',
      'v2 compensated',
      'v3 cancelled',
    ]);
    const written = new Set<string>();
    for await (const event of store.readAll({ filter: { category: 'sagaPlaceOrder' } }))
      written.add(event.type);
    expect([...written].sort()).toEqual(SagaEvents.types.filter((t) => t !== 'saga.failed').sort());
  });
});
