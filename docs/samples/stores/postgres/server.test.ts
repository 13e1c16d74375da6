import { randomBytes } from 'node:crypto';
import { toArray } from '@strata/core';
import { afterAll, describe, expect, it } from 'vitest';

// The CI server; a unique schema so runs never collide.
const url = process.env.STRATA_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `strata_test_docs_${randomBytes(4).toString('hex')}`;
process.env.DATABASE_URL = url;
process.env.STRATA_SCHEMA = schema;
const { events, pool, projectBalances, catchUp, byUrl, transferInOneTransaction } =
  await import('./server.js');

afterAll(async () => {
  await events.close();
  await pool.query(`drop schema if exists "${schema}" cascade`);
  await pool.end();
});

describe('stores/postgres: a server store', () => {
  it('projects balances with the checkpoint in the same transaction, and resumes from it', async () => {
    await events.append('loyaltyAccount-a-1', [
      { type: 'loyalty.customer.enrolled', data: { accountId: 'a-1', programId: 'gold' } },
      { type: 'loyalty.points.earned', data: { accountId: 'a-1', points: 10, reason: 'signup' } },
    ]);
    await projectBalances();
    await events.append('loyaltyAccount-a-1', [
      { type: 'loyalty.points.earned', data: { accountId: 'a-1', points: 5, reason: 'visit' } },
    ]);
    await projectBalances();
    const { rows } = await pool.query(`select account, points from "${schema}".balances`);
    expect(rows).toEqual([{ account: 'a-1', points: 15 }]);
    expect(await events.checkpoints.load('balances')).toBe(2n);
  });

  it('a subscription catches up in position order', async () => {
    const seen = await catchUp();
    expect(seen.map((event) => `${event.position}: ${event.type}`)).toEqual([
      '0: loyalty.customer.enrolled',
      '1: loyalty.points.earned',
      '2: loyalty.points.earned',
    ]);
  });

  it('a transaction reads its own appends with tx.readAll', async () => {
    expect(await transferInOneTransaction()).toEqual([
      'loyaltyAccount-t-1 loyalty.points.redeemed',
      'loyaltyAccount-t-2 loyalty.points.earned',
    ]);
  });

  it('createEventStore takes the same options by URL', async () => {
    const store = byUrl();
    expect(await toArray(store.readStream('loyaltyAccount-a-1'))).toHaveLength(3);
    await store.close();
  });
});
