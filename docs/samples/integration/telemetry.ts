import { MemoryCheckpointStore, createEventStore, defineEvents } from '@strata/core';
import { type MetricEvent, Telemetry, projectionTelemetry, sagaTelemetry } from '@strata/integration';
import { MemoryReadModelTarget, ProjectionRunner, defineProjection } from '@strata/projections';
import { SagaOrchestrator, defineSaga } from '@strata/sagas';
import { AccountClosed, PointsEarned } from './relay.js';

/** A projection and a saga reporting to the same telemetry (and one dashboard listener). */
export async function oneDashboard(): Promise<MetricEvent[]> {
  const store = createEventStore('memory:');
  await store.append('loyaltyAccount-a-1', [
    PointsEarned.create({ accountId: 'a-1', points: 5, reason: 'x' }),
    AccountClosed.create({ accountId: 'a-1' }),
  ]);
  const points = defineProjection({
    name: 'points',
    version: 1,
    events: defineEvents(PointsEarned),
    handlers: {
      'loyalty.points.earned': (event, { documents }) =>
        documents<{ points: number }>('points').set(event.data.accountId, { points: event.data.points }),
    },
  });
  const archive = defineSaga({
    name: 'archive-account',
    startedBy: AccountClosed,
    correlate: (event) => event.data.accountId,
    steps: [{ name: 'archive', run: () => 'archived' }],
  });
  const seen: MetricEvent[] = [];

  // #region telemetry
  // One Telemetry for the relay, the transports, projections and sagas: one set of
  // strata.integration.* metrics, told apart by the strata.component attribute.
  const telemetry = new Telemetry({ hooks: [{ record: (event) => seen.push(event) }] });

  const runner = new ProjectionRunner({
    store,
    checkpoints: new MemoryCheckpointStore(),
    target: new MemoryReadModelTarget(),
    projections: [points],
    metrics: projectionTelemetry(telemetry),
  });
  const orchestrator = new SagaOrchestrator({
    store,
    checkpoints: new MemoryCheckpointStore(),
    sagas: [archive],
    hooks: sagaTelemetry(telemetry),
  });
  // #endregion

  await runner.catchUp();
  await orchestrator.catchUp();
  await orchestrator.idle();
  return seen;
}
