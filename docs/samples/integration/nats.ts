import { MemoryCheckpointStore, createEventStore } from '@strata/core';
import {
  MemoryIdempotencyStore,
  NatsConsumer,
  NatsPublisher,
  OutboxRelay,
  idempotent,
  natsHealth,
  natsStreamConfig,
  natsSubjectsOf,
  type IntegrationMessage,
} from '@strata/integration';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { PointsEarned, loyaltyOut } from './relay.js';

export async function throughJetStream(servers: string, run: string) {
  const received: IntegrationMessage[] = [];
  // #region nats
  const nc = await connect({ servers, maxReconnectAttempts: -1 }); // reconnects for ever
  const nats = new NatsPublisher({
    connection: nc,
    stream: `LOYALTY_${run}`,
    subjectPrefix: `events.${run}`, // messages go to events.<run>.<message subject>
    duplicateWindowMs: 120_000, // a relay re-sending the same id within it is dropped
  });
  await nats.ensureStream();

  const store = createEventStore('memory:');
  await store.append('loyaltyAccount-a-1', [
    PointsEarned.create({ accountId: 'a-1', points: 5, reason: 'x' }),
  ]);
  await new OutboxRelay({
    name: 'loyalty-nats',
    store,
    checkpoints: new MemoryCheckpointStore(),
    mapping: loyaltyOut,
    publishers: [nats],
  }).catchUp();

  // In the receiving service: a durable pull consumer with explicit acks.
  const consumer = new NatsConsumer({
    connection: nc,
    stream: `LOYALTY_${run}`,
    durable: 'rewards-service',
    maxDeliver: 5, // then published to the dead-letter subject
    backoffMs: [1_000, 5_000, 30_000],
    deadLetterSubject: `events.${run}.dead`,
    handler: idempotent((message: IntegrationMessage) => void received.push(message), {
      store: new MemoryIdempotencyStore(),
    }),
  });
  await consumer.start();
  // #endregion
  while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const health = await nats.health(); // { ok, rttMs, messages } or { ok: false, problem }
  // #region nats-helpers
  const checked = await natsHealth(nc, `LOYALTY_${run}`); // what health() gives; it never throws
  const config = natsStreamConfig({ stream: `LOYALTY_${run}`, subjectPrefix: `events.${run}` });
  // config: what ensureStream() creates or updates: { name, subjects: [`events.${run}.>`], … }
  const subjects = natsSubjectsOf(loyaltyOut, `events.${run}`);
  // subjects: the mapping's declared messages, [`events.${run}.loyalty.points-awarded.v1`, …]
  // #endregion nats-helpers
  await consumer.stop();
  await (await jetstreamManager(nc)).streams.delete(`LOYALTY_${run}`);
  await nc.close();
  return { received, health, checked, config, subjects };
}
