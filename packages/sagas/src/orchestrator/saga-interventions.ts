import type { EventStore } from '@strata/core';
import type { SagaDefinition } from '../definition/define-saga.js';
import { SagaNotFoundError } from '../errors/saga-not-found-error.js';
import { SagaStateError } from '../errors/saga-state-error.js';
import { loadSaga } from '../runtime/load-saga.js';
import { SagaCompensationRetried, SagaCompensationStarted } from '../stream/saga-events.js';
import type { SagaState } from '../stream/saga-state.js';

// What an operator's `cancel` and `retry` check and record in a saga's stream; a driver then
// takes the saga on from what they recorded.

/** Only a running or waiting saga can be cancelled. */
export function assertCancellable(
  saga: string,
  sagaId: string,
  state: SagaState | undefined,
): asserts state is SagaState {
  if (!state) throw new SagaNotFoundError(saga, sagaId);
  if (state.status !== 'running' && state.status !== 'waiting')
    throw new SagaStateError(saga, sagaId, state.status, 'cancel', 'running or waiting');
}

/** Starts the compensation of a cancelled saga that no driver is running. */
export async function recordCancellation(store: EventStore, state: SagaState, reason: string): Promise<void> {
  await store.append(
    state.streamId,
    [{ ...SagaCompensationStarted.create({ cause: 'cancelled', reason }), metadata: state.metadata }],
    { expectedRevision: state.revision },
  );
}

/** Reopens the compensation of a dead-lettered (`compensation_failed`) saga with a fresh attempt budget. */
export async function reopenCompensation(
  store: EventStore,
  definition: SagaDefinition<never>,
  saga: string,
  sagaId: string,
): Promise<void> {
  const state = await loadSaga(store, definition, sagaId);
  if (!state) throw new SagaNotFoundError(saga, sagaId);
  if (state.status !== 'compensation_failed')
    throw new SagaStateError(saga, sagaId, state.status, 'retry', 'compensation_failed');
  await store.append(state.streamId, [{ ...SagaCompensationRetried.create({}), metadata: state.metadata }], {
    expectedRevision: state.revision,
  });
}
