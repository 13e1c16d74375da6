/**
 * What happened, as the relay, the transports, projections and sagas report it. `started` and
 * `ended` are saga instances'; the rest are per message (or per batch, per step attempt).
 */
export type MetricKind =
  'published' | 'delivered' | 'retried' | 'dead_lettered' | 'failed' | 'started' | 'ended';

export interface MetricEvent {
  readonly kind: MetricKind;
  readonly component: 'relay' | 'bus' | 'nats' | 'webhook' | 'projection' | 'saga';
  /** The relay, subscription, endpoint or consumer name; the projection or saga name. */
  readonly target: string;
  /**
   * The message type; for a saga step attempt the step (`<step>.compensate` when compensating);
   * `*` where the source reports no single type (a projection batch, a saga instance).
   */
  readonly messageType: string;
  readonly tenantId?: string;
  /** How long the attempt took (delivered, failed, dead_lettered; a batch; a saga instance). */
  readonly durationMs?: number;
  /** How many it counts for: the events of a projection batch. Default 1. */
  readonly count?: number;
  /** A saga's end status, a step attempt's outcome. */
  readonly status?: string;
}

/**
 * A small hook a processor calls for each message outcome: OpenTelemetry metrics are one
 * implementation; tests and custom dashboards are others.
 */
export interface MetricsHooks {
  record(event: MetricEvent): void;
}
