import type { Attributes, MeterProvider, Span, SpanOptions, TracerProvider } from '@opentelemetry/api';
import { trace } from '@opentelemetry/api';
import { defineEvents, MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import { defineProjection, MemoryReadModelTarget, ProjectionRunner } from '@strata/projections';
import { defineSaga, SagaOrchestrator } from '@strata/sagas';
import { describe, expect, it } from 'vitest';
import { AccountClosed, PointsEarned } from '../test-support/fixtures.js';
import type { MetricEvent } from './metrics-hooks.js';
import { projectionTelemetry } from './projection-telemetry.js';
import { sagaTelemetry } from './saga-telemetry.js';
import { Telemetry } from './telemetry.js';

interface Instrumented {
  readonly adds: { name: string; value: number; attributes: Attributes }[];
  readonly spans: { name: string; error: boolean; ended: boolean }[];
  readonly events: MetricEvent[];
  readonly telemetry: Telemetry;
}

/** A MeterProvider and TracerProvider that remember what they were given, and a hooks listener. */
function instrumented(): Instrumented {
  const adds: Instrumented['adds'] = [];
  const spans: Instrumented['spans'] = [];
  const events: MetricEvent[] = [];
  const instrument = (name: string) => ({
    add: (value: number, attributes: Attributes = {}) => void adds.push({ name, value, attributes }),
    record: (value: number, attributes: Attributes = {}) => void adds.push({ name, value, attributes }),
  });
  const meterProvider = {
    getMeter: () => ({ createCounter: instrument, createHistogram: instrument, createGauge: instrument }),
  } as unknown as MeterProvider;
  const tracerProvider = {
    getTracer: () => ({
      startSpan(name: string, _options?: SpanOptions): Span {
        const record = { name, error: false, ended: false };
        spans.push(record);
        return Object.assign(
          Object.create(
            trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '1'.repeat(16), traceFlags: 1 }),
          ) as Span,
          {
            setStatus(status: { code: number }) {
              record.error = status.code === 2;
              return this;
            },
            end() {
              record.ended = true;
            },
          },
        );
      },
    }),
  } as unknown as TracerProvider;
  const telemetry = new Telemetry({
    meterProvider,
    tracerProvider,
    hooks: [{ record: (e) => void events.push(e) }],
  });
  return { adds, spans, events, telemetry };
}

const sum = (adds: Instrumented['adds'], name: string) =>
  adds.filter((a) => a.name === name).reduce((total, a) => total + a.value, 0);

describe('projectionTelemetry', () => {
  it('counts committed events, dead letters and lag on the shared metrics, with a span per batch', async () => {
    const { adds, spans, events, telemetry } = instrumented();
    const store = new MemoryEventStore();
    await store.append('loyaltyAccount-a', [
      PointsEarned.create({ accountId: 'a', points: 1, reason: 'x' }),
      PointsEarned.create({ accountId: 'a', points: 13, reason: 'unlucky' }),
      AccountClosed.create({ accountId: 'a' }),
    ]);
    const totals = defineProjection({
      name: 'points-total',
      version: 1,
      onError: 'dead-letter',
      retry: { maxAttempts: 1, initialDelayMs: 1 },
      events: defineEvents(PointsEarned, AccountClosed),
      handlers: {
        'loyalty.points.earned': (event, { documents }) => {
          if (event.data.points === 13) throw new Error('13 is not allowed');
          return documents<{ points: number }>('totals').set(event.data.accountId, {
            points: event.data.points,
          });
        },
        'loyalty.account.closed': (event, { documents }) => documents('totals').delete(event.data.accountId),
      },
    });
    const runner = new ProjectionRunner({
      store,
      checkpoints: new MemoryCheckpointStore(),
      target: new MemoryReadModelTarget(),
      projections: [totals],
      metrics: projectionTelemetry(telemetry),
      sleep: () => Promise.resolve(),
    });
    await runner.catchUp();

    const delivered = events.filter((e) => e.kind === 'delivered');
    expect(delivered.every((e) => e.component === 'projection' && e.target === 'points-total')).toBe(true);
    // Two events applied; the third was parked (a dead letter, not a delivery).
    expect(delivered.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(2);
    expect(events.filter((e) => e.kind === 'dead_lettered')).toEqual([
      expect.objectContaining({ component: 'projection', target: 'points-total' }),
    ]);
    // The counter adds the batch's event count, not 1 per batch.
    expect(sum(adds, 'strata.integration.delivered')).toBe(2);
    expect(sum(adds, 'strata.integration.dead_lettered')).toBe(1);
    expect(adds.filter((a) => a.name === 'strata.integration.lag').at(-1)?.value).toBe(0);
    expect(spans.length).toBe(delivered.length);
    expect(spans.every((s) => s.name === 'projection.batch points-total' && s.ended && !s.error)).toBe(true);
  });

  it('never throws into the runner, even when a listener does', () => {
    const metrics = projectionTelemetry({
      hooks: [
        {
          record: () => {
            throw new Error('dashboard down');
          },
        },
      ],
    });
    expect(() => metrics.failed?.('p', new Error('stopped'))).not.toThrow();
    expect(() => metrics.runnerError?.(new Error('store down'))).not.toThrow();
  });
});

describe('sagaTelemetry', () => {
  it('reports instances and step attempts, retries included, on the shared metrics and spans', async () => {
    const { adds, spans, events, telemetry } = instrumented();
    const store = new MemoryEventStore();
    let calls = 0;
    const saga = defineSaga({
      name: 'close-account',
      startedBy: AccountClosed,
      correlate: (event) => event.data.accountId,
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 },
      steps: [
        { name: 'refund', run: () => (++calls === 1 ? Promise.reject(new Error('bank busy')) : 'refunded') },
        { name: 'notify', run: () => 'sent' },
      ],
    });
    const orchestrator = new SagaOrchestrator({
      store,
      checkpoints: new MemoryCheckpointStore(),
      sagas: [saga],
      random: () => 0,
      // Backoff waits return at once; the 30 s attempt timeout never fires (its wait ends on abort).
      sleep: (ms, signal) =>
        ms < 1_000
          ? Promise.resolve()
          : new Promise<void>((resolve) =>
              signal?.addEventListener('abort', () => resolve(), { once: true }),
            ),
      hooks: sagaTelemetry(telemetry),
    });
    await store.append('loyaltyAccount-a', [AccountClosed.create({ accountId: 'a' })]);
    await orchestrator.catchUp();
    await orchestrator.idle();

    expect(events.map((e) => `${e.kind} ${e.messageType} ${e.status ?? ''}`.trim())).toEqual([
      'started *',
      'failed refund failed',
      'retried refund',
      'delivered refund completed',
      'delivered notify completed',
      'ended * completed',
    ]);
    expect(events.every((e) => e.component === 'saga' && e.target === 'close-account')).toBe(true);
    expect(sum(adds, 'strata.integration.started')).toBe(1);
    expect(sum(adds, 'strata.integration.retried')).toBe(1);
    expect(adds.find((a) => a.name === 'strata.integration.ended')?.attributes['strata.status']).toBe(
      'completed',
    );
    expect(spans.map((s) => `${s.name}${s.error ? ' !' : ''}`)).toEqual([
      'saga.step close-account/refund !',
      'saga.step close-account/refund',
      'saga.step close-account/notify',
      'saga close-account',
    ]);
  });

  it('is a no-op without an SDK and never throws into the orchestrator', () => {
    const hooks = sagaTelemetry();
    expect(() => {
      hooks.onSagaStarted?.({ saga: 's', sagaId: '1' });
      hooks.onSagaEnded?.({ saga: 's', sagaId: '1', status: 'failed', durationMs: 5 });
    }).not.toThrow();
  });
});
