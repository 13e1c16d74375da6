import type { EventStore } from '@strata/core';
import type { SagaDefinition } from '../definition/define-saga.js';
import { applySagaEvent, initialState, type SagaState } from '../stream/saga-state.js';

/** The saga stream's id: `<category>-<correlation id>`, e.g. `sagaPlaceOrder-o-1`. */
export function sagaStreamId(definition: Pick<SagaDefinition<never>, 'category'>, sagaId: string): string {
  return `${definition.category}-${sagaId}`;
}

/** Folds a saga stream; undefined when the saga never started. */
export async function loadSaga(
  store: EventStore,
  definition: SagaDefinition<never>,
  sagaId: string,
): Promise<SagaState | undefined> {
  const streamId = sagaStreamId(definition, sagaId);
  const state = initialState(
    streamId,
    definition.steps.map((step) => step.name),
  );
  for await (const event of store.readStream(streamId)) applySagaEvent(state, event);
  return state.revision === -1n ? undefined : state;
}
