import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageFromJson, type IntegrationMessageJson } from '../message/integration-message.js';
import { loyaltyMapping, recorded, recordingSleep } from '../test-support/fixtures.js';
import { WebhookServer } from '../test-support/webhook-server.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { MemoryWebhookStore } from './memory-webhook-store.js';
import { verifyWebhookSignature } from './signature.js';
import { WebhookPublisher } from './webhook-publisher.js';

let server: WebhookServer;
beforeAll(async () => (server = await WebhookServer.start()));
afterAll(() => server.close());

let nowMs = Date.parse('2024-06-01T00:00:00Z');
const clock = { now: () => new Date(nowMs) };

function message(points = 1, tenantId?: string) {
  return loyaltyMapping.map(
    recorded('loyalty.points.earned', { accountId: 'a', points, reason: 'r' }, tenantId ? { tenantId } : {}),
  )[0]!;
}

async function setup(
  path: string,
  options: { maxAttempts?: number; breaker?: CircuitBreaker; tenantId?: string } = {},
) {
  const store = new MemoryWebhookStore();
  await store.save({
    id: path,
    url: server.url(path),
    eventTypes: ['loyalty.>'],
    secret: `secret${path}`,
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
  });
  const { sleep, delays } = recordingSleep();
  const publisher = new WebhookPublisher({
    store,
    clock,
    sleep,
    random: () => 0,
    timeoutMs: 300,
    retry: { maxAttempts: options.maxAttempts ?? 4, initialDelayMs: 100, maxDelayMs: 60_000, jitter: 'none' },
    ...(options.breaker ? { breaker: options.breaker } : {}),
  });
  return { store, publisher, delays };
}

describe('webhook publisher', () => {
  it('POSTs the message as signed JSON that the receiver verifies, to matching subscriptions only', async () => {
    const { store, publisher } = await setup('/ok');
    await store.save({ id: 'other', url: server.url('/audit-only'), eventTypes: ['audit.*'], secret: 'x' });
    const sent = message(7, 'acme');
    await publisher.publish(sent);
    const [request, ...more] = server.to('/ok');
    expect(more).toEqual([]);
    expect(server.to('/audit-only')).toEqual([]);
    const verified = verifyWebhookSignature('secret/ok', request!.headers, request!.body, {
      now: () => nowMs,
    });
    expect(verified.eventId).toBe(sent.id);
    expect(request!.headers['x-strata-tenant-id']).toBe('acme');
    expect(messageFromJson(JSON.parse(request!.body) as IntegrationMessageJson)).toEqual(sent);
  });

  it('never sends one tenant’s messages to another tenant’s endpoint', async () => {
    const { publisher } = await setup('/acme-only', { tenantId: 'acme' });
    await publisher.publish(message(1, 'globex'));
    await publisher.publish(message(2));
    await publisher.publish(message(3, 'acme'));
    expect(
      server.to('/acme-only').map((r) => (JSON.parse(r.body) as { data: { points: number } }).data.points),
    ).toEqual([3]);
  });

  it('retries through 5xx, a connection reset and a timeout, honouring Retry-After', async () => {
    const { store, publisher, delays } = await setup('/flaky', { maxAttempts: 5 });
    server.plan('/flaky', { status: 503, headers: { 'retry-after': '7' } }, 'reset', 'hang', {
      status: 200,
      delayMs: 20,
    });
    const sent = message();
    await publisher.publish(sent);
    const requests = server.to('/flaky');
    expect(requests).toHaveLength(4);
    // Every attempt carries the same event id: receivers deduplicate on it.
    expect(new Set(requests.map((r) => r.headers['x-strata-event-id']))).toEqual(new Set([sent.id]));
    expect(delays).toEqual([7000, 200, 400]);
    expect(await store.deadLetters()).toEqual([]);
  });

  it('dead-letters after the last attempt, keeps it visible, and redelivers it on demand', async () => {
    const { store, publisher } = await setup('/down', { maxAttempts: 3 });
    server.plan('/down', { status: 500 }, { status: 502 }, { status: 500 });
    const sent = message();
    await publisher.publish(sent);
    const [letter] = await store.deadLetters();
    expect(letter).toMatchObject({ attempts: 3, subscriptionId: '/down', message: { id: sent.id } });
    expect(letter!.error.message).toMatch(/answered 500/);
    expect(await publisher.redeliver(letter!.id)).toBe(true);
    expect(await store.deadLetters()).toEqual([]);
    expect(server.to('/down')).toHaveLength(4);
  });

  it('does not retry a 4xx rejection', async () => {
    const { store, publisher } = await setup('/rejects');
    server.plan('/rejects', { status: 422 });
    await publisher.publish(message());
    expect(server.to('/rejects')).toHaveLength(1);
    expect((await store.deadLetters())[0]).toMatchObject({
      attempts: 1,
      error: { code: 'WEBHOOK_DELIVERY_FAILED' },
    });
  });

  it('opens the breaker after repeated failures, makes no requests while open, half-opens after the cool-down and closes on success', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 10_000, clock });
    const { store, publisher } = await setup('/breaker', { maxAttempts: 2, breaker });
    const url = server.url('/breaker');
    server.plan('/breaker', { status: 500 }, { status: 500 }, { status: 500 });
    await publisher.publish(message(1));
    expect(breaker.state(url)).toBe('open');
    expect(server.to('/breaker')).toHaveLength(2);
    await publisher.publish(message(2));
    expect(server.to('/breaker')).toHaveLength(2);
    expect((await store.deadLetters()).map((l) => l.error.code)).toEqual([
      'WEBHOOK_DELIVERY_FAILED',
      'CIRCUIT_OPEN',
    ]);
    nowMs += 10_000;
    expect(breaker.state(url)).toBe('half_open');
    // The trial fails (third planned 500): open again for another cool-down.
    await publisher.publish(message(3));
    expect(breaker.state(url)).toBe('open');
    expect(server.to('/breaker')).toHaveLength(3);
    nowMs += 10_000;
    await publisher.publish(message(4));
    expect(breaker.state(url)).toBe('closed');
    expect(server.to('/breaker')).toHaveLength(4);
  });
});
