import { MemoryCheckpointStore, createEventStore } from '@strata/core';
import { OutboxRelay } from '@strata/integration';
import { describe, expect, it } from 'vitest';
import {
  AccountClosed,
  busFeatures,
  idempotentReceiver,
  loyaltyOut,
  PointsEarned,
  relayToBus,
} from './relay.js';

describe('integration events: relay, bus, idempotent', () => {
  it('relays a domain event to a typed bus subscriber with the tenant', async () => {
    const { awarded, status } = await relayToBus();
    expect(awarded).toEqual(['a-1+10 (acme)']);
    expect(status.state).toBe('stopped');
    expect(status.checkpoint).toBe(0n);
  });

  it('maps with stable ids and business idempotency keys', async () => {
    const store = createEventStore('memory:');
    await store.append('loyaltyAccount-a-1', [
      PointsEarned.create({ accountId: 'a-1', points: 1, reason: 'x' }),
      AccountClosed.create({ accountId: 'a-1' }),
    ]);
    const seen: string[] = [];
    const relay = new OutboxRelay({
      name: 'docs',
      store,
      checkpoints: new MemoryCheckpointStore(),
      mapping: loyaltyOut,
      publishers: [
        {
          name: 'collect',
          publish: async (m) => void seen.push(`${m.type} ${m.key} ${m.idempotencyKey === m.id}`),
        },
      ],
    });
    await relay.catchUp();
    expect(seen).toEqual([
      'loyalty.points-awarded.v1 a-1 true',
      'loyalty.account-archived.v1 loyaltyAccount-a-1 false',
    ]);
  });

  it('bus: tenant-bound, patterned, with middleware', async () => {
    const { bus, log, perAccount } = await busFeatures();
    const [message] = loyaltyOut.map({
      eventId: 'e-1',
      streamId: 'loyaltyAccount-a-1',
      revision: 0n,
      position: 0n,
      recordedAt: new Date(),
      schemaVersion: 1,
      type: 'loyalty.points.earned',
      data: { accountId: 'a-1', points: 3, reason: 'r' },
      metadata: { tenantId: 'acme' },
    });
    await bus.publish(message!);
    await bus.publish({ ...message!, tenantId: 'globex' });
    expect(perAccount).toEqual([3]);
    expect(log.filter((l) => l.startsWith('audit'))).toHaveLength(2);
    expect(log.filter((l) => l.startsWith('acme-points'))).toHaveLength(1);
  });

  it('idempotent handler runs once per key', async () => {
    expect(await idempotentReceiver()).toEqual(['a-1']);
  });
});
