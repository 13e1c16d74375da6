import type { SagaHooks } from '@strata/sagas';
import { guarded, telemetryOf, type TelemetrySource } from './telemetry-source.js';

/**
 * `SagaHooks` for `new SagaOrchestrator({ hooks })` that report to the same counters, spans and
 * `MetricsHooks` as the relay and the transports (component `saga`, target the saga's name):
 * `started` per instance; `ended` with its status and duration (and a span `saga <name>`); per
 * step attempt `delivered` when it completed, `failed` when it failed or timed out (status says
 * which), and `retried` before every attempt after the first (a span `saga.step <saga>/<step>`).
 */
export function sagaTelemetry(source?: TelemetrySource): SagaHooks {
  const telemetry = telemetryOf(source);
  return {
    onSagaStarted: guarded((event) => {
      telemetry.record({ kind: 'started', component: 'saga', target: event.saga, messageType: '*' });
    }),
    onSagaEnded: guarded((event) => {
      telemetry.record({
        kind: 'ended',
        component: 'saga',
        target: event.saga,
        messageType: '*',
        status: event.status,
        durationMs: event.durationMs,
      });
      telemetry.finishedSpan(
        `saga ${event.saga}`,
        event.durationMs,
        {
          'strata.component': 'saga',
          'strata.target': event.saga,
          'strata.saga_id': event.sagaId,
          'strata.status': event.status,
        },
        event.status === 'completed' ? undefined : event.status,
      );
    }),
    onStepAttempt: guarded((event) => {
      const messageType = event.phase === 'run' ? event.step : `${event.step}.compensate`;
      const base = { component: 'saga', target: event.saga, messageType } as const;
      if (event.attempt > 1) telemetry.record({ ...base, kind: 'retried' });
      telemetry.record({
        ...base,
        kind: event.outcome === 'completed' ? 'delivered' : 'failed',
        status: event.outcome,
        durationMs: event.durationMs,
      });
      telemetry.finishedSpan(
        `saga.step ${event.saga}/${messageType}`,
        event.durationMs,
        {
          'strata.component': 'saga',
          'strata.target': event.saga,
          'strata.saga_id': event.sagaId,
          'strata.step': event.step,
          'strata.phase': event.phase,
          'strata.attempt': event.attempt,
        },
        event.outcome === 'completed' ? undefined : event.outcome,
      );
    }),
  };
}
