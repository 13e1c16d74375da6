import { PostgresEventStore, PostgresLease } from '@strata/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { InProcessBus } from '../bus/in-process-bus.js';
import { idempotent } from '../idempotency/idempotent.js';
import { PostgresIdempotencyStore } from '../idempotency/postgres-idempotency-store.js';
import { OutboxRelay } from '../relay/outbox-relay.js';
import { loyaltyMapping, PointsAwarded, recorded } from '../test-support/fixtures.js';
import { PostgresWebhookStore } from '../webhooks/postgres-webhook-store.js';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/postgres.js';

const pool = serverPool();
const schema = uniqueSchema('stores');

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

describe('PostgreSQL-backed stores', () => {
  // PostgresLease lives in @strata/postgres now, which runs the Lease contract on it.
  it('idempotency keys: claim is atomic under a race, done keys are skipped, failed ones released', async () => {
    const store = new PostgresIdempotencyStore(pool, { schema });
    const claims = await Promise.all(Array.from({ length: 8 }, () => store.claim('race', 60_000)));
    expect(claims.filter((c) => c === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c === 'busy')).toHaveLength(7);
    await store.complete('race', 60_000);
    expect(await store.claim('race', 60_000)).toBe('done');
    let runs = 0;
    const handler = idempotent<{ idempotencyKey: string }>(
      () => {
        if (++runs === 1) throw new Error('first try fails');
      },
      { store },
    );
    await expect(handler({ idempotencyKey: 'k' })).rejects.toThrow('first try fails');
    await handler({ idempotencyKey: 'k' });
    await handler({ idempotencyKey: 'k' });
    expect(runs).toBe(2);
    expect(await store.claim('short', 60_000)).toBe('claimed');
    await store.complete('short', 1);
    await pool.query('select pg_sleep(0.01)');
    expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
  });

  it('relay on the PostgreSQL store: checkpoint in PostgreSQL, lease in PostgreSQL, resumes where it stopped', async () => {
    const store = new PostgresEventStore({ pool, schema });
    try {
      await store.append('loyaltyAccount-a', [
        { type: 'loyalty.points.earned', data: { accountId: 'a', points: 1, reason: 'r' } },
      ]);
      const bus = new InProcessBus();
      const got: number[] = [];
      bus.subscribe(PointsAwarded, (m) => void got.push(m.data.points));
      const options = {
        name: 'pg-relay',
        store,
        checkpoints: store.checkpoints,
        mapping: loyaltyMapping,
        publishers: [bus],
        lease: new PostgresLease(pool, { schema }),
      };
      await new OutboxRelay(options).catchUp();
      await store.append('loyaltyAccount-a', [
        { type: 'loyalty.points.earned', data: { accountId: 'a', points: 2, reason: 'r' } },
      ]);
      await new OutboxRelay(options).catchUp();
      expect(got).toEqual([1, 2]);
      expect(await store.checkpoints.load('pg-relay')).toBeTypeOf('bigint');
    } finally {
      await store.close();
    }
  });

  it('webhook store: subscriptions and dead letters round-trip, messages with bigint positions intact', async () => {
    const store = new PostgresWebhookStore(pool, { schema });
    await store.save({
      id: 's1',
      url: 'http://x/1',
      eventTypes: ['loyalty.>'],
      secret: 'k',
      tenantId: 'acme',
    });
    await store.save({ id: 's2', url: 'http://x/2', eventTypes: ['a.b', 'c.*'], secret: 'k2' });
    await store.save({ id: 's2', url: 'http://x/2b', eventTypes: ['a.b'], secret: 'k3' });
    expect(await store.list()).toEqual([
      { id: 's1', url: 'http://x/1', eventTypes: ['loyalty.>'], secret: 'k', tenantId: 'acme' },
      { id: 's2', url: 'http://x/2b', eventTypes: ['a.b'], secret: 'k3' },
    ]);
    const message = loyaltyMapping.map(
      recorded('loyalty.points.earned', { accountId: 'a', points: 3, reason: 'r' }),
    )[0]!;
    const letter = {
      id: 'd1',
      subscriptionId: 's1',
      target: 'http://x/1',
      message,
      attempts: 4,
      error: { name: 'WebhookDeliveryError', message: 'answered 500', code: 'WEBHOOK_DELIVERY_FAILED' },
      failedAt: new Date('2024-01-01T00:00:00Z'),
    };
    await store.addDeadLetter(letter);
    await store.addDeadLetter({ ...letter, attempts: 5 });
    expect(await store.deadLetters()).toEqual([{ ...letter, attempts: 5 }]);
    await store.removeDeadLetter('d1');
    await store.remove('s1');
    expect(await store.deadLetters()).toEqual([]);
    expect((await store.list()).map((s) => s.id)).toEqual(['s2']);
    expect(await store.get('s1')).toBeUndefined();
  });
});
