import type { ProjectionMetrics } from '@strata/projections';
import { guarded, telemetryOf, type TelemetrySource } from './telemetry-source.js';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * `ProjectionMetrics` for `new ProjectionRunner({ metrics })` that report to the same counters,
 * spans and `MetricsHooks` as the relay and the transports (component `projection`):
 * a committed batch counts its events as `delivered` (with its duration, a span
 * `projection.batch <name>` and the lag gauge), a parked event is `dead_lettered`, a projection
 * stopped by `onError: 'stop'` and a runner that cannot read or commit are `failed`.
 */
export function projectionTelemetry(source?: TelemetrySource): ProjectionMetrics {
  const telemetry = telemetryOf(source);
  return {
    batchCommitted: guarded((batch) => {
      telemetry.record({
        kind: 'delivered',
        component: 'projection',
        target: batch.projection,
        messageType: '*',
        count: batch.events,
        durationMs: batch.durationMs,
      });
      telemetry.lag('projection', batch.projection, batch.lag);
      telemetry.finishedSpan(`projection.batch ${batch.projection}`, batch.durationMs, {
        'strata.component': 'projection',
        'strata.target': batch.projection,
        'strata.projection.version': batch.version,
        'strata.events': batch.events,
        'strata.position': batch.position.toString(),
      });
    }),
    deadLettered: guarded((letter) => {
      telemetry.record({
        kind: 'dead_lettered',
        component: 'projection',
        target: letter.projection,
        messageType: '*',
        status: errorText(letter.error),
      });
    }),
    failed: guarded((projection, error) => {
      telemetry.record({
        kind: 'failed',
        component: 'projection',
        target: projection,
        messageType: '*',
        status: errorText(error),
      });
    }),
    runnerError: guarded((error) => {
      // The runner retries; one `failed` per occurrence shows an outage on the dashboard.
      telemetry.record({
        kind: 'failed',
        component: 'projection',
        target: '*',
        messageType: '*',
        status: errorText(error),
      });
    }),
  };
}
