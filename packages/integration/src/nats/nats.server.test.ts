import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotent } from '../idempotency/idempotent.js';
import { MemoryIdempotencyStore } from '../idempotency/memory-idempotency-store.js';
import type { IntegrationMessage } from '../message/integration-message.js';
import { OutboxRelay } from '../relay/outbox-relay.js';
import { deferred, loyaltyMapping, recorded } from '../test-support/fixtures.js';
import { NatsConsumer } from './nats-consumer.js';
import { NatsPublisher, natsStreamConfig, natsSubjectsOf } from './nats-publisher.js';

/** The CI server (`.ci/services.sh` starts it); these tests fail when it is missing. */
const NATS_URL = process.env.STRATA_NATS_URL ?? '127.0.0.1:4222';
const run = randomBytes(4).toString('hex');
let nc: NatsConnection;
let jsm: JetStreamManager;
const streams: string[] = [];

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL, timeout: 3000 });
  jsm = await jetstreamManager(nc);
});
afterAll(async () => {
  for (const stream of streams) await jsm.streams.delete(stream).catch(() => undefined);
  await nc?.close();
});

/** A stream and DLQ stream of their own for one test. */
async function fresh(label: string) {
  const stream = `it_${run}_${label}`;
  const prefix = `it.${run}.${label}`;
  streams.push(stream, `${stream}_dlq`);
  const publisher = new NatsPublisher({
    connection: nc,
    stream,
    subjectPrefix: prefix,
    duplicateWindowMs: 60_000,
  });
  await publisher.ensureStream();
  await jsm.streams.add({ name: `${stream}_dlq`, subjects: [`${prefix}-dlq`] });
  return { stream, prefix, publisher, dlq: `${prefix}-dlq` };
}

const message = (points: number, tenantId?: string) =>
  loyaltyMapping.map(
    recorded('loyalty.points.earned', { accountId: 'a', points, reason: 'r' }, tenantId ? { tenantId } : {}),
  )[0]!;

describe('NATS JetStream', () => {
  it('configures the stream from the mapping and drops a republished id within the duplicate window', async () => {
    const { stream, prefix, publisher } = await fresh('dup');
    expect(natsStreamConfig({ stream, subjectPrefix: prefix }).subjects).toEqual([`${prefix}.>`]);
    expect(natsSubjectsOf(loyaltyMapping, prefix)).toContain(`${prefix}.loyalty.points-awarded.v1`);
    const sent = message(1);
    const first = await publisher.send(sent);
    const again = await publisher.send(sent);
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ sequence: first.sequence, duplicate: true });
    const stored = await jsm.streams.getMessage(stream, { seq: first.sequence });
    expect(stored?.header.get('Nats-Msg-Id')).toBe(sent.id);
    expect(await publisher.health()).toMatchObject({ ok: true, messages: 1 });
  });

  it('durable pull consumer: acks handled messages, redelivers failures with backoff, then dead-letters after max_deliver', async () => {
    const { stream, publisher, dlq } = await fresh('consume');
    const attempts = new Map<number, number>();
    const done = deferred();
    let handled = 0;
    const consumer = new NatsConsumer({
      connection: nc,
      stream,
      durable: 'worker',
      maxDeliver: 3,
      backoffMs: [20, 40],
      deadLetterSubject: dlq,
      handler: (m) => {
        const points = (m.data as { points: number }).points;
        attempts.set(points, (attempts.get(points) ?? 0) + 1);
        if (points === 2) throw new Error('poison');
        if (points === 3 && attempts.get(3)! < 2) throw new Error('transient');
        if (++handled === 2) done.resolve();
      },
    });
    await consumer.start();
    for (const points of [1, 2, 3]) await publisher.publish(message(points));
    await done.promise;
    const js = jetstream(nc);
    const dead = await (await js.consumers.get(`${stream}_dlq`)).next({ expires: 5000 });
    await consumer.stop();
    expect(dead?.headers?.get('Strata-Dead-Letter-Reason')).toBe('Error: poison');
    expect(dead?.headers?.get('Strata-Deliveries')).toBe('3');
    expect(dead?.json<{ data: unknown }>().data).toEqual({ accountId: 'a', points: 2 });
    expect(Object.fromEntries(attempts)).toEqual({ 1: 1, 2: 3, 3: 2 });
    const info = await jsm.consumers.info(stream, 'worker');
    expect(info.num_ack_pending).toBe(0);
    expect(await consumer.health()).toMatchObject({ ok: true });
  });

  it('a tenant-bound consumer receives its tenant’s messages only', async () => {
    const { stream, publisher, dlq } = await fresh('tenant');
    const seen: (string | undefined)[] = [];
    const two = deferred();
    const consumer = new NatsConsumer({
      connection: nc,
      stream,
      durable: 'acme',
      tenantId: 'acme',
      deadLetterSubject: dlq,
      handler: (m) => {
        seen.push(m.tenantId);
        if (seen.length === 2) two.resolve();
      },
    });
    await consumer.start();
    for (const tenant of ['globex', 'acme', undefined, 'acme']) await publisher.publish(message(1, tenant));
    await two.promise;
    await consumer.stop();
    expect(seen).toEqual(['acme', 'acme']);
  });

  it('relay → JetStream → idempotent consumer: a relay run twice from scratch stores and processes each message once', async () => {
    const { stream, publisher, dlq } = await fresh('e2e');
    const store = new MemoryEventStore();
    for (const n of [1, 2, 3]) {
      await store.append('loyaltyAccount-a', [
        { type: 'loyalty.points.earned', data: { accountId: 'a', points: n, reason: 'r' } },
      ]);
    }
    await store.append('loyaltyAccount-a', [{ type: 'loyalty.account.closed', data: { accountId: 'a' } }]);
    // Two relays with separate checkpoints: the second one re-sends everything, as after a lost checkpoint.
    for (const name of ['first', 'second']) {
      await new OutboxRelay({
        name,
        store,
        checkpoints: new MemoryCheckpointStore(),
        mapping: loyaltyMapping,
        publishers: [publisher],
      }).catchUp();
    }
    expect((await jsm.streams.info(stream)).state.messages).toBe(5);
    const processed: string[] = [];
    const all = deferred();
    const consumer = new NatsConsumer({
      connection: nc,
      stream,
      durable: 'e2e',
      deadLetterSubject: dlq,
      handler: idempotent(
        (m: IntegrationMessage) => {
          processed.push(m.type);
          if (processed.length === 5) all.resolve();
        },
        { store: new MemoryIdempotencyStore() },
      ),
    });
    await consumer.start();
    await all.promise;
    await consumer.stop();
    expect(processed.sort()).toEqual([
      'audit.recorded.v1',
      'loyalty.account-archived.v1',
      'loyalty.points-awarded.v1',
      'loyalty.points-awarded.v1',
      'loyalty.points-awarded.v1',
    ]);
  });
});
