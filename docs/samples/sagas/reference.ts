// Smaller parts of @strata/sagas' API; reference.test.ts runs them.
import { MemoryCheckpointStore, createEventStore, type EventStore, type RecordedEvent } from '@strata/core';
import { SagaOrchestrator, defineSaga } from '@strata/sagas';
import { OrderPlaced } from './place-order.js';

// #region names
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, sagaCategory, sagaStreamId } from '@strata/sagas';

const category = sagaCategory('place-order'); // 'sagaPlaceOrder': `saga` + the name in camel case
const streamId = sagaStreamId({ category }, 'o-1'); // 'sagaPlaceOrder-o-1': one stream per instance
const defaults = { retry: DEFAULT_RETRY, timeoutMs: DEFAULT_TIMEOUT_MS };
// { retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5000 }, timeoutMs: 30000 }
// #endregion names

export { category, defaults, streamId };

// #region saga-stream
import { SagaCompleted, SagaEvents } from '@strata/sagas';

/** A saga instance's history, decoded: every transition is one of `SagaEvents`. */
export async function sagaHistory(store: EventStore, sagaStream: string): Promise<RecordedEvent[]> {
  const history: RecordedEvent[] = [];
  for await (const recorded of store.readStream(sagaStream)) history.push(SagaEvents.decode(recorded));
  return history;
}
// Each definition narrows: SagaCompleted.is(history.at(-1)!) is true once the saga completed.
// #endregion saga-stream

/** Runs a one-step saga to completion and reads its stream back. */
export async function oneStep(): Promise<string[]> {
  const store = createEventStore('memory:');
  const confirm = defineSaga({
    name: 'confirm-order',
    startedBy: OrderPlaced,
    correlate: (event) => event.data.orderId,
    steps: [{ name: 'confirm', run: () => ({ confirmed: true }) }],
  });
  const orchestrator = new SagaOrchestrator({
    store,
    checkpoints: new MemoryCheckpointStore(),
    sagas: [confirm],
  });
  await orchestrator.start();
  await store.append('order-o-1', [OrderPlaced.create({ orderId: 'o-1', items: ['book'], amount: 12 })]);
  await orchestrator.idle();
  await orchestrator.stop();
  const history = await sagaHistory(store, sagaStreamId(confirm, 'o-1'));
  return [...history.map((event) => event.type), String(SagaCompleted.is(history.at(-1)!))];
}
