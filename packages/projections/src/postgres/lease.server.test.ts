import { PostgresEventStore } from '@strata/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';
import { balances, PointsEarned, seed, type Account } from '../test-support/loyalty.js';
import { PostgresReadModelTarget } from './postgres-read-model-target.js';

// Two pools stand for two processes sharing one database.
const schema = uniqueSchema('lease');
const pools = [serverPool(3), serverPool(3)] as const;
const [storeA, storeB] = pools.map((pool) => new PostgresEventStore({ pool, schema })) as [
  PostgresEventStore,
  PostgresEventStore,
];
afterAll(async () => {
  await storeA.close();
  await storeB.close();
  await dropSchema(pools[0], schema);
  await Promise.all(pools.map((pool) => pool.end()));
});

describe('PostgresReadModelTarget: leases across processes', () => {
  it('a standby takes over within the lease time when the active runner stops renewing; the stale one is fenced', async () => {
    await seed(storeA, 1, 1);
    const targetA = new PostgresReadModelTarget({ store: storeA });
    const targetB = new PostgresReadModelTarget({ store: storeB });
    // A never renews on its own (it stands for a process that hung); B checks every 50 ms.
    const a = new ProjectionRunner({
      store: storeA,
      target: targetA,
      projections: [balances()],
      lease: { ttlMs: 800, renewEveryMs: 600_000, owner: 'A' },
    });
    const b = new ProjectionRunner({
      store: storeB,
      target: targetB,
      projections: [balances()],
      lease: { ttlMs: 800, renewEveryMs: 50, owner: 'B' },
    });
    await a.start();
    await b.start();
    expect(a.status()[0]?.state).toBe('live');
    expect(b.status()[0]?.state).toBe('standby');
    const accounts = targetB.documents<Account>('account-balances', 'accounts');
    expect(await accounts.get('a-0')).toMatchObject({ balance: 1 });

    await expect.poll(() => b.status()[0]?.state, { timeout: 5_000 }).toBe('live');
    await storeB.append('loyaltyAccount-a-0', [
      PointsEarned.create({ accountId: 'a-0', points: 5, reason: 'x' }),
    ]);
    await expect.poll(async () => (await accounts.get('a-0'))?.balance, { timeout: 5_000 }).toBe(6);
    await expect.poll(() => a.status()[0]?.state, { timeout: 5_000 }).toBe('standby');
    expect(await accounts.get('a-0')).toMatchObject({ balance: 6, earned: 2 });
    await a.stop();
    await b.stop();
  });
});
