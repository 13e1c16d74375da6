import { MemoryCheckpointStore, createEventStore } from '@strata/core';
import { SagaOrchestrator, type SagaStatus } from '@strata/sagas';
import { Inventory, OrderPlaced, Payments, ShippingSlotBooked, placeOrderSaga } from './place-order.js';

export async function happyPath() {
  const inventory = new Inventory();
  const payments = new Payments();
  const confirmed: string[] = [];
  // #region start
  const store = createEventStore('memory:');
  const orchestrator = new SagaOrchestrator({
    store,
    checkpoints: new MemoryCheckpointStore(), // or the PostgreSQL store's `checkpoints`
    sagas: [placeOrderSaga(inventory, payments, confirmed)],
  });
  await orchestrator.start(); // resumes unfinished sagas, then subscribes from the checkpoint

  await store.append('order-o-1', [OrderPlaced.create({ orderId: 'o-1', items: ['book'], amount: 12 })]);
  await orchestrator.idle(); // until nothing can move: here, parked on the shipping slot
  const waiting = await orchestrator.get('place-order', 'o-1');
  // waiting.status: 'waiting'; steps: completed, completed, waiting (with its deadline), pending

  await store.append('shipping-o-1', [ShippingSlotBooked.create({ orderId: 'o-1', slot: 'mon-am' })]);
  await orchestrator.idle();
  const done = await orchestrator.get('place-order', 'o-1'); // status: 'completed'
  await orchestrator.stop();
  // #endregion
  return { waiting, done, confirmed, inventory, payments };
}

export async function operations() {
  const inventory = new Inventory();
  const payments = new Payments();
  const store = createEventStore('memory:');
  const orchestrator = new SagaOrchestrator({
    store,
    checkpoints: new MemoryCheckpointStore(),
    sagas: [placeOrderSaga(inventory, payments, [])],
  });
  await orchestrator.start();
  await store.append('order-o-2', [OrderPlaced.create({ orderId: 'o-2', items: ['pen'], amount: 3 })]);
  await orchestrator.idle();
  // #region cancel
  const cancelled = await orchestrator.cancel('place-order', 'o-2', 'customer cancelled');
  // cancelled.status: 'cancelled'; the charge was refunded, then the stock released
  // cancelled.failure: { cause: 'cancelled', reason: 'customer cancelled' }
  // #endregion

  payments.declineNext = 3; // every attempt of the next charge fails
  await store.append('order-o-3', [OrderPlaced.create({ orderId: 'o-3', items: ['ink'], amount: 5 })]);
  await orchestrator.idle();
  // #region list
  const failed: SagaStatus | undefined = await orchestrator.get('place-order', 'o-3');
  // failed.status: 'compensated'; failed.failure: { cause: 'failed', step: 'charge-payment', error }
  // failed.steps[1]: { name: 'charge-payment', status: 'failed', attempts: 3, error: { message: 'card declined', … } }
  const deadLetters = await orchestrator.list({ status: 'compensation_failed' });
  for (const dead of deadLetters) {
    console.log(dead.saga, dead.sagaId, dead.deadLetter?.step, dead.deadLetter?.error.message);
    // after fixing what made the compensation fail:
    await orchestrator.retry(dead.saga, dead.sagaId);
  }
  // #endregion
  await orchestrator.stop();
  return { cancelled, failed, deadLetters, inventory, payments };
}

export function withHooks(store: ReturnType<typeof createEventStore>, seen: string[]) {
  const inventory = new Inventory();
  const payments = new Payments();
  // #region hooks
  const orchestrator = new SagaOrchestrator({
    store,
    checkpoints: new MemoryCheckpointStore(),
    sagas: [placeOrderSaga(inventory, payments, [])],
    hooks: {
      onSagaStarted: ({ saga, sagaId }) => seen.push(`started ${saga} ${sagaId}`),
      onStepAttempt: ({ step, phase, attempt, outcome, durationMs }) =>
        seen.push(`${phase} ${step} #${attempt} ${outcome} in ${durationMs} ms`),
      onSagaEnded: ({ sagaId, status }) => seen.push(`ended ${sagaId} ${status}`),
    },
    onError: (error, { saga, sagaId }) => console.error('saga trouble', saga, sagaId, error),
  });
  // #endregion
  return orchestrator;
}
