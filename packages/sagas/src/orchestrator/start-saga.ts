import { causedBy, ConcurrencyError, type EventStore, type RecordedEvent } from '@strata/core';
import type { SagaDefinition } from '../definition/define-saga.js';
import { UnstartableEventError } from '../errors/unstartable-event-error.js';
import { sagaStreamId } from '../runtime/load-saga.js';
import { SagaStarted } from '../stream/saga-events.js';
import { applySagaEvent, initialState, type SagaState } from '../stream/saga-state.js';

/**
 * Records `saga.started` for a starting event (an `UnstartableEventError` when it cannot start one). The append expects no stream, so the same event
 * delivered twice (or two processes) starts one instance; undefined when it already existed.
 */
export async function startSaga(
  store: EventStore,
  definition: SagaDefinition<never>,
  raw: RecordedEvent,
  now: Date,
): Promise<SagaState | undefined> {
  let event: RecordedEvent;
  let sagaId: unknown;
  try {
    event = definition.startedBy.parse(raw);
    sagaId = definition.correlate(event);
  } catch (error) {
    throw new UnstartableEventError(definition.name, raw, (error as Error).message, error);
  }
  if (typeof sagaId !== 'string' || sagaId.length === 0)
    throw new UnstartableEventError(
      definition.name,
      raw,
      `correlate gave ${JSON.stringify(sagaId)}, not a non-empty string`,
    );
  const streamId = sagaStreamId(definition, sagaId);
  const metadata = causedBy(raw);
  const id = sagaId;
  const started = {
    ...SagaStarted.create({
      saga: definition.name,
      sagaId: id,
      input: event.data,
      startedBy: {
        eventId: raw.eventId,
        type: raw.type,
        streamId: raw.streamId,
        position: raw.position.toString(),
      },
    }),
    metadata,
  };
  try {
    await store.append(streamId, [started], { expectedRevision: 'no_stream' });
  } catch (error) {
    if (error instanceof ConcurrencyError) return undefined;
    throw error;
  }
  const state = initialState(
    streamId,
    definition.steps.map((step) => step.name),
  );
  applySagaEvent(state, {
    ...started,
    eventId: '',
    streamId,
    revision: 0n,
    position: -1n,
    recordedAt: now,
  });
  return state;
}
