// The whole platform on an embedded PostgreSQL (PGlite) opened by URL: the enrolment saga's
// success and compensation, redemptions, a stored v1 event, and the read models written by the
// transactional PostgreSQL target.
import { createEventStore, toArray } from '@strata/core';
import { PostgresEventStore } from '@strata/postgres';
import { PostgresReadModelTarget } from '@strata/projections/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointsEarnedV1 } from './domain/enrollment.js';
import { createLoyaltyApp, type LoyaltyApp } from './loyalty-app.js';
import { ENROLMENT_SAGA } from './sagas/enrolment.js';
import { InMemoryNotifier } from './sagas/notifier.js';

let store: PostgresEventStore;
let app: LoyaltyApp;
const notifier = new InMemoryNotifier().failFor('carol');

beforeAll(async () => {
  // Importing @strata/postgres registered `pglite:` with createEventStore.
  const opened = createEventStore('pglite:');
  if (!(opened instanceof PostgresEventStore)) throw new Error('pglite: did not open a PostgresEventStore');
  store = opened;
  app = createLoyaltyApp({
    store,
    notifier,
    checkpoints: store.checkpoints,
    target: new PostgresReadModelTarget({ store }),
  });
  await app.createProgram('coffee', {
    name: 'Coffee Club',
    signupBonus: 100,
    tierThresholds: { silver: 500, gold: 2000 },
    welcomeRewardId: 'mug',
  });
  await app.addReward('mug', { programId: 'coffee', name: 'Coffee mug', cost: 150, stock: 5 });
  await app.activateProgram('coffee');
  await app.orchestrator.start();
  await app.enrol('alice', 'coffee');
  await app.enrol('carol', 'coffee');
  await app.orchestrator.idle();
  await app.earn('alice', 'coffee', 450, 'launch promotion');
  await app.redeemReward('alice', 'coffee', 'mug', { redemptionId: 'r-1' });
  const v1: PointsEarnedV1 = {
    enrollmentId: 'coffee.carol',
    transactionId: 'till-1',
    points: 30,
    earnedAt: new Date().toISOString(),
  };
  await store.append('enrollment-coffee.carol', [
    { type: 'loyalty.points.earned', data: v1, schemaVersion: 1 },
  ]);
  await app.runner.catchUp();
}, 120_000);

afterAll(async () => {
  await app.orchestrator.stop();
  await store.close();
});

describe('the loyalty platform on PGlite', () => {
  it('welcomes alice and rolls back carol’s welcome', async () => {
    expect((await app.orchestrator.get(ENROLMENT_SAGA, 'coffee.alice'))?.status).toBe('completed');
    const carolSaga = await app.orchestrator.get(ENROLMENT_SAGA, 'coffee.carol');
    expect(carolSaga?.status).toBe('compensated');
    expect(carolSaga?.failure).toMatchObject({ step: 'notify' });
    expect(notifier.sent.map((sent) => sent.customerId)).toEqual(['alice']);

    const alice = await app.enrollments.load('coffee.alice');
    expect(alice.state).toMatchObject({ balance: 400, lifetimePoints: 550, redeemed: 150, tier: 'silver' });
    const carol = await app.enrollments.load('coffee.carol');
    expect(carol.state).toMatchObject({ balance: 30, lifetimePoints: 30, reversed: 100 });
    expect(carol.earning('till-1')?.reason).toBe('purchase'); // the stored v1 event, upcast
    const mug = await app.rewards.load('mug');
    expect(mug.state.stock).toBe(3); // alice's welcome mug and her redeemed one; carol's went back
  });

  it('keeps the v1 event as it was written', async () => {
    const stored = await toArray(store.readStream('enrollment-coffee.carol'));
    expect(stored.map((event) => [event.type, event.schemaVersion])).toEqual([
      ['loyalty.customer.enrolled', 1],
      ['loyalty.points.earned', 2],
      ['loyalty.points.reversed', 1],
      ['loyalty.points.earned', 1],
    ]);
  });

  it('writes the read models in PostgreSQL, matching the aggregates', async () => {
    for (const customer of ['alice', 'carol']) {
      const doc = await app.readModels.balance(customer, 'coffee');
      const { state } = await app.enrollments.load(`coffee.${customer}`);
      expect(doc && [doc.tier, doc.balance, doc.lifetimePoints, doc.redeemed, doc.reversed]).toEqual([
        state.tier,
        state.balance,
        state.lifetimePoints,
        state.redeemed,
        state.reversed,
      ]);
    }
    expect(await app.readModels.leaderboard('coffee')).toEqual([
      { rank: 1, customerId: 'alice', lifetimePoints: 550, tier: 'silver' },
      { rank: 2, customerId: 'carol', lifetimePoints: 30, tier: 'basic' },
    ]);
    expect(await app.readModels.rewardStock()).toEqual([
      expect.objectContaining({ rewardId: 'mug', stock: 3, claimed: 2, cancelled: 1, fulfilled: 0 }),
    ]);
  });

  it('rebuilds a read model from scratch to the same documents', async () => {
    const before = await app.readModels.balances();
    const progress = await app.runner.rebuild('customer-balances');
    expect(progress).toBeDefined();
    expect(await app.readModels.balances()).toEqual(before);
  });
});
