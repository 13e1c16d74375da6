/** What happened to a message, as the relay and the transports report it. */
export type MetricKind = 'published' | 'delivered' | 'retried' | 'dead_lettered' | 'failed';

export interface MetricEvent {
  readonly kind: MetricKind;
  readonly component: 'relay' | 'bus' | 'nats' | 'webhook';
  /** The relay, subscription, endpoint or consumer name. */
  readonly target: string;
  readonly messageType: string;
  readonly tenantId?: string;
  /** How long the attempt took (delivered, failed, dead_lettered). */
  readonly durationMs?: number;
}

/**
 * A small hook a processor calls for each message outcome: OpenTelemetry metrics are one
 * implementation; tests and custom dashboards are others.
 */
export interface MetricsHooks {
  record(event: MetricEvent): void;
}
