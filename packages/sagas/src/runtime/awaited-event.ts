import type { EventStore, RecordedEvent } from '@strata/core';
import type { SagaDefinition } from '../definition/define-saga.js';
import type { WaitStep } from '../definition/saga-types.js';
import type { SagaState } from '../stream/saga-state.js';

/** Whether `event` (of the awaited type) belongs to this saga instance. */
export function belongsTo(
  event: RecordedEvent,
  step: WaitStep,
  definition: SagaDefinition<never>,
  state: SagaState,
): boolean {
  let id: string | undefined;
  try {
    // An event that the correlate function cannot read (another shape) is simply not this saga's.
    id = step.correlate ? step.correlate(event) : definition.correlate(event);
  } catch {
    id = undefined;
  }
  if (typeof id === 'string') return id === state.sagaId;
  const correlation = state.metadata.correlationId;
  return correlation !== undefined && event.metadata.correlationId === correlation;
}

/**
 * The first correlated event of the awaited type recorded after `from` (inclusive). The scan is
 * what makes waiting durable: an event that arrived while no orchestrator ran is found here.
 */
export async function findAwaitedEvent(
  store: EventStore,
  step: WaitStep,
  definition: SagaDefinition<never>,
  state: SagaState,
  from: bigint,
): Promise<RecordedEvent | undefined> {
  for await (const raw of store.readAll({ from, filter: { eventTypes: [step.waitFor.type] } })) {
    let event: RecordedEvent;
    try {
      event = step.waitFor.parse(raw);
    } catch {
      continue;
    }
    if (belongsTo(event, step, definition, state)) return event;
  }
  return undefined;
}
