import type { EventStore } from '@strata/core';
import type { SagaDefinition } from '../definition/define-saga.js';
import { applySagaEvent, initialState, type SagaState } from '../stream/saga-state.js';

const LIFECYCLE = [
  'saga.started',
  'saga.compensation_failed',
  'saga.compensation.retried',
  'saga.completed',
  'saga.compensated',
  'saga.failed',
  'saga.cancelled',
];

/** Correlation ids of the saga's instances that are neither terminal nor dead-lettered. */
export async function findOpenSagas(store: EventStore, definition: SagaDefinition<never>): Promise<string[]> {
  const open = new Map<string, string>();
  const prefix = `${definition.category}-`;
  for await (const event of store.readAll({
    filter: { category: definition.category, eventTypes: LIFECYCLE },
  })) {
    const sagaId = event.streamId.slice(prefix.length);
    if (event.type === 'saga.started' || event.type === 'saga.compensation.retried')
      open.set(event.streamId, sagaId);
    else open.delete(event.streamId);
  }
  return [...open.values()];
}

/** Every instance of the saga, folded (one pass over the saga's category). */
export async function listSagas(store: EventStore, definition: SagaDefinition<never>): Promise<SagaState[]> {
  const states = new Map<string, SagaState>();
  const names = definition.steps.map((step) => step.name);
  for await (const event of store.readAll({ filter: { category: definition.category } })) {
    let state = states.get(event.streamId);
    if (!state) {
      state = initialState(event.streamId, names);
      states.set(event.streamId, state);
    }
    applySagaEvent(state, event);
  }
  return [...states.values()];
}
