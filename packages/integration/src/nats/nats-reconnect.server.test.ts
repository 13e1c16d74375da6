import { jetstreamManager } from '@nats-io/jetstream';
import { ClosedConnectionError, connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsPublishError } from '../errors/integration-errors.js';
import type { IntegrationMessage } from '../message/integration-message.js';
import { loyaltyMapping, recorded } from '../test-support/fixtures.js';
import { PrivateNatsServer } from '../test-support/private-nats-server.js';
import { NatsConsumer } from './nats-consumer.js';
import { NatsPublisher } from './nats-publisher.js';

const server = new PrivateNatsServer();
let nc: NatsConnection;

beforeAll(async () => {
  await server.start();
  nc = await connect({
    servers: server.url,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 100,
    timeout: 3000,
  });
});
afterAll(async () => {
  await nc?.close();
  await server.dispose();
});

const message = (points: number): IntegrationMessage =>
  loyaltyMapping.map(recorded('loyalty.points.earned', { accountId: 'a', points, reason: 'r' }))[0]!;

/** Resolves once `received` holds every id in `ids` (the consumer runs in the background). */
async function allReceived(received: ReadonlySet<string>, ids: readonly string[]): Promise<void> {
  while (!ids.every((id) => received.has(id))) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('NATS JetStream across a server crash and restart', () => {
  it('loses no message: a publish outlives the outage or fails typed, and the consumer resumes', async () => {
    const options = { connection: nc, stream: 'RECONNECT', subjectPrefix: 'rc', duplicateWindowMs: 60_000 };
    const publisher = new NatsPublisher({ ...options, publishTimeoutMs: 15_000, attemptTimeoutMs: 500 });
    const impatient = new NatsPublisher({ ...options, publishTimeoutMs: 300 });
    await publisher.ensureStream();
    const received = new Set<string>();
    let handled = 0;
    const consumer = new NatsConsumer({
      connection: nc,
      stream: 'RECONNECT',
      durable: 'survivor',
      ackWaitMs: 2_000,
      deadLetterSubject: 'rc-dead',
      handler: (m) => {
        handled++;
        received.add(m.id);
      },
      onError: () => undefined, // an ack lost in the crash: the message comes again, same id
    });
    await consumer.start();

    const before = [1, 2, 3].map(message);
    for (const m of before) await publisher.publish(m);
    await allReceived(
      received,
      before.map((m) => m.id),
    );

    await server.kill();
    // While the server is down: a publish with a short timeout fails with the typed error...
    const refused = message(4);
    const failure = await impatient.publish(refused).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(NatsPublishError);
    expect(failure).toMatchObject({ code: 'NATS_PUBLISH_FAILED', messageId: refused.id, timeoutMs: 300 });
    // ...and one with a longer timeout keeps trying (same id) and is acked after the restart.
    const buffered = message(5);
    const pending = publisher.send(buffered);

    await server.start();
    await expect(pending).resolves.toMatchObject({ sequence: expect.any(Number) as number });
    // The relay's way: send the failed one again with the same id; if an earlier attempt did
    // reach the server, JetStream reports a duplicate and keeps one copy.
    await publisher.send(refused);
    const after = [6, 7].map(message);
    for (const m of after) await publisher.publish(m);

    const all = [...before, refused, buffered, ...after].map((m) => m.id);
    await allReceived(received, all);
    expect([...received].sort()).toEqual([...all].sort());
    expect(handled).toBeGreaterThanOrEqual(all.length);
    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info('RECONNECT')).state.messages).toBe(all.length);
    expect(await publisher.health()).toMatchObject({ ok: true, messages: all.length });
    await consumer.stop();
  }, 60_000);

  it('fails at once, typed, on a closed connection (nothing to wait for)', async () => {
    const closed = await connect({ servers: server.url, timeout: 3000 });
    const publisher = new NatsPublisher({
      connection: closed,
      stream: 'RECONNECT',
      subjectPrefix: 'rc',
      publishTimeoutMs: 60_000,
    });
    await closed.close();
    const failure = await publisher.publish(message(8)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(NatsPublishError);
    // Not retried: retrying until the 60 s deadline would outlast the test's timeout.
    expect((failure as Error).cause).toBeInstanceOf(ClosedConnectionError);
  });
});
