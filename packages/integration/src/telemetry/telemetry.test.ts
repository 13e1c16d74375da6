import {
  propagation,
  trace,
  type Context,
  type Span,
  type SpanContext,
  type SpanOptions,
  type TextMapPropagator,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessBus } from '../bus/in-process-bus.js';
import type { IntegrationMessage } from '../message/integration-message.js';
import { OutboxRelay } from '../relay/outbox-relay.js';
import { loyaltyMapping, PointsAwarded } from '../test-support/fixtures.js';
import type { MetricEvent } from './metrics-hooks.js';
import { Telemetry } from './telemetry.js';

/** A W3C-shaped propagator, enough to see the context travel (the SDK's does the same). */
const propagator: TextMapPropagator = {
  inject(context: Context, carrier: unknown) {
    const span = trace.getSpanContext(context);
    if (span) (carrier as Record<string, string>).traceparent = `00-${span.traceId}-${span.spanId}-01`;
  },
  extract(context: Context, carrier: unknown) {
    const header = (carrier as Record<string, string>).traceparent;
    const [, traceId, spanId] = header?.split('-') ?? [];
    return traceId && spanId
      ? trace.setSpanContext(context, { traceId, spanId, traceFlags: 1, isRemote: true })
      : context;
  },
  fields: () => ['traceparent'],
};

interface Recorded {
  name: string;
  parentSpanId: string | undefined;
  traceId: string;
  spanId: string;
  ended: boolean;
}

function recordingProvider(spans: Recorded[]): TracerProvider {
  let n = 0;
  const tracer = {
    startSpan(name: string, _options?: SpanOptions, context?: Context): Span {
      const parent = context ? trace.getSpanContext(context) : undefined;
      const record: Recorded = {
        name,
        parentSpanId: parent?.spanId,
        traceId: parent?.traceId ?? 'f'.repeat(32),
        spanId: (++n).toString(16).padStart(16, '0'),
        ended: false,
      };
      spans.push(record);
      const spanContext: SpanContext = { traceId: record.traceId, spanId: record.spanId, traceFlags: 1 };
      const span = trace.wrapSpanContext(spanContext);
      return Object.assign(Object.create(span) as Span, {
        end: () => void (record.ended = true),
        setStatus: () => span,
        recordException: () => undefined,
      });
    },
  } as unknown as Tracer;
  return { getTracer: () => tracer };
}

afterEach(() => propagation.disable());

describe('telemetry', () => {
  it('is a no-op without an SDK: messages flow and no trace header is invented', async () => {
    const store = new MemoryEventStore();
    await store.append('loyaltyAccount-a', [
      { type: 'loyalty.points.earned', data: { accountId: 'a', points: 1, reason: 'r' } },
    ]);
    const bus = new InProcessBus();
    const got: IntegrationMessage[] = [];
    bus.subscribe(PointsAwarded, (m) => void got.push(m));
    await new OutboxRelay({
      name: 'r',
      store,
      checkpoints: new MemoryCheckpointStore(),
      mapping: loyaltyMapping,
      publishers: [bus],
    }).catchUp();
    expect(got).toHaveLength(1);
    expect(got[0]!.headers).toEqual({});
  });

  it('continues the trace of the command that wrote the event: relay span → bus span, context in headers; hooks see every outcome', async () => {
    propagation.setGlobalPropagator(propagator);
    const spans: Recorded[] = [];
    const metrics: MetricEvent[] = [];
    const telemetry = new Telemetry({
      tracerProvider: recordingProvider(spans),
      hooks: [{ record: (e) => void metrics.push(e) }],
    });
    const traceId = 'a'.repeat(32);
    const store = new MemoryEventStore();
    await store.append('loyaltyAccount-a', [
      {
        type: 'loyalty.points.earned',
        data: { accountId: 'a', points: 1, reason: 'r' },
        metadata: { traceparent: `00-${traceId}-${'b'.repeat(16)}-01` },
      },
    ]);
    const bus = new InProcessBus({ telemetry, retry: { maxAttempts: 2, initialDelayMs: 0, maxDelayMs: 0 } });
    const headers: Record<string, string>[] = [];
    let calls = 0;
    bus.subscribe(PointsAwarded, (m) => {
      headers.push({ ...m.headers });
      if (++calls === 1) throw new Error('once');
    });
    await new OutboxRelay({
      name: 'r',
      store,
      checkpoints: new MemoryCheckpointStore(),
      mapping: loyaltyMapping,
      publishers: [bus],
      telemetry,
    }).catchUp();
    const [relaySpan, ...busSpans] = spans;
    expect(relaySpan).toMatchObject({
      name: 'loyalty.points-awarded.v1 publish',
      traceId,
      parentSpanId: 'b'.repeat(16),
      ended: true,
    });
    expect(busSpans.map((s) => [s.name, s.traceId, s.parentSpanId])).toEqual([
      ['loyalty.points-awarded.v1 process', traceId, relaySpan!.spanId],
      ['loyalty.points-awarded.v1 process', traceId, relaySpan!.spanId],
    ]);
    // The handler sees its own span's context, to pass on to whatever it calls.
    expect(headers.map((h) => h.traceparent)).toEqual(busSpans.map((s) => `00-${traceId}-${s.spanId}-01`));
    expect(metrics.map((m) => `${m.component}:${m.kind}`)).toEqual([
      'bus:published',
      'bus:retried',
      'bus:delivered',
      'relay:published',
    ]);
  });
});
