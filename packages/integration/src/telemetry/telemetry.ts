import {
  context,
  metrics,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Counter,
  type Gauge,
  type Histogram,
  type MeterProvider,
  type TracerProvider,
  type Tracer,
} from '@opentelemetry/api';
import type { MetricEvent, MetricsHooks } from './metrics-hooks.js';

const SCOPE = '@strata/integration';

export interface TelemetryOptions {
  /** Default: the global provider (a no-op until an OpenTelemetry SDK registers one). */
  readonly tracerProvider?: TracerProvider;
  readonly meterProvider?: MeterProvider;
  /** More listeners for every metric event, beside OpenTelemetry's. */
  readonly hooks?: readonly MetricsHooks[];
}

/**
 * Spans and metrics through `@opentelemetry/api` only: without an SDK every call is a no-op.
 * Trace context travels in message headers (W3C `traceparent` with the SDK's propagator).
 */
export class Telemetry implements MetricsHooks {
  readonly #tracer: Tracer;
  readonly #counters: Record<Exclude<MetricEvent['kind'], never>, Counter>;
  readonly #duration: Histogram;
  readonly #lag: Gauge;
  readonly #hooks: readonly MetricsHooks[];

  constructor(options: TelemetryOptions = {}) {
    this.#tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE);
    const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE);
    const counter = (kind: string, description: string) =>
      meter.createCounter(`strata.integration.${kind}`, { description, unit: '{message}' });
    this.#counters = {
      published: counter('published', 'messages handed to a transport'),
      delivered: counter('delivered', 'messages a receiver accepted'),
      retried: counter('retried', 'delivery attempts retried'),
      dead_lettered: counter('dead_lettered', 'messages parked as dead letters'),
      failed: counter('failed', 'delivery attempts that failed'),
      started: counter('started', 'saga instances started'),
      ended: counter('ended', 'saga instances that reached an end status'),
    };
    this.#duration = meter.createHistogram('strata.integration.delivery.duration', {
      description: 'time of one delivery attempt',
      unit: 'ms',
    });
    this.#lag = meter.createGauge('strata.integration.lag', {
      description: 'positions between a checkpoint and the newest position seen',
      unit: '{position}',
    });
    this.#hooks = options.hooks ?? [];
  }

  record(event: MetricEvent): void {
    const attributes: Attributes = {
      'strata.component': event.component,
      'strata.target': event.target,
      'messaging.message.type': event.messageType,
      ...(event.tenantId !== undefined ? { 'strata.tenant_id': event.tenantId } : {}),
      ...(event.status !== undefined ? { 'strata.status': event.status } : {}),
    };
    this.#counters[event.kind].add(event.count ?? 1, attributes);
    if (event.durationMs !== undefined)
      this.#duration.record(event.durationMs, { ...attributes, outcome: event.kind });
    for (const hook of this.#hooks) hook.record(event);
  }

  /** Records how far behind a checkpointed reader is (projections report it per batch). */
  lag(component: MetricEvent['component'], target: string, lag: bigint): void {
    this.#lag.record(Number(lag), { 'strata.component': component, 'strata.target': target });
  }

  /**
   * A span for work that already finished and reported only its duration (projection batches,
   * saga step attempts): started `durationMs` before now, ended now.
   */
  finishedSpan(name: string, durationMs: number, attributes: Attributes, error?: string): void {
    const end = Date.now();
    const span = this.#tracer.startSpan(name, {
      kind: SpanKind.INTERNAL,
      attributes,
      startTime: end - Math.max(0, durationMs),
    });
    span.setStatus(
      error === undefined ? { code: SpanStatusCode.OK } : { code: SpanStatusCode.ERROR, message: error },
    );
    span.end(end);
  }

  /**
   * Runs `work` in a span whose parent is the trace context found in `headers` (the producer's),
   * and hands it headers carrying the new span's context, to put on what it sends on.
   */
  async span<T>(
    name: string,
    kind: 'producer' | 'consumer' | 'internal',
    headers: Readonly<Record<string, string>>,
    attributes: Attributes,
    work: (outgoing: Record<string, string>) => Promise<T>,
  ): Promise<T> {
    const parent = propagation.extract(context.active(), headers);
    const span = this.#tracer.startSpan(
      name,
      {
        kind:
          kind === 'producer'
            ? SpanKind.PRODUCER
            : kind === 'consumer'
              ? SpanKind.CONSUMER
              : SpanKind.INTERNAL,
        attributes,
      },
      parent,
    );
    const active: Context = trace.setSpan(parent, span);
    const outgoing: Record<string, string> = { ...headers };
    propagation.inject(active, outgoing);
    try {
      const result = await context.with(active, () => work(outgoing));
      span.setStatus({ code: SpanStatusCode.OK });
      return result;
    } catch (error) {
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
      if (error instanceof Error) span.recordException(error);
      throw error;
    } finally {
      span.end();
    }
  }
}

/** The shared no-SDK instance used when a component is given no telemetry. */
export const defaultTelemetry = (): Telemetry => new Telemetry();
