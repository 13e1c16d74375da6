import { MemoryEventStore, steppingClock } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { PointsEarnedV1 } from '../domain/enrollment.js';
import { createLoyaltyApp, type LoyaltyApp } from '../loyalty-app.js';
import { InMemoryNotifier } from '../sagas/notifier.js';
import { CUSTOMER_BALANCES, type CustomerBalance } from './customer-balances.js';
import { PROGRAM_LEADERBOARD } from './program-leaderboard.js';
import { REWARD_STOCK, type RewardStock } from './reward-stock.js';

let app: LoyaltyApp | undefined;
afterEach(async () => {
  await app?.orchestrator.stop();
  app = undefined;
});

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY);

/**
 * Two programs; alice, bob and carol join coffee (carol's welcome fails and is rolled back), dave
 * joins tea and has an earning stored at schema version 1; alice climbs to silver and redeems,
 * bob's points expire.
 */
async function run() {
  app = createLoyaltyApp({
    store: new MemoryEventStore(),
    notifier: new InMemoryNotifier().failFor('carol'),
    clock: steppingClock(day(0), 1000),
  });
  await app.createProgram('coffee', {
    name: 'Coffee Club',
    signupBonus: 100,
    tierThresholds: { silver: 500, gold: 2000 },
    pointsExpireAfterDays: 365,
    welcomeRewardId: 'mug',
  });
  await app.createProgram('tea', { name: 'Tea Time' });
  await app.addReward('mug', { programId: 'coffee', name: 'Coffee mug', cost: 150, stock: 3 });
  await app.addReward('espresso', { programId: 'coffee', name: 'Espresso machine', cost: 600, stock: 1 });
  await app.activateProgram('coffee');
  await app.activateProgram('tea');
  await app.orchestrator.start();
  for (const customer of ['alice', 'bob', 'carol']) await app.enrol(customer, 'coffee');
  await app.enrol('dave', 'tea');
  await app.orchestrator.idle();

  const v1: PointsEarnedV1 = {
    enrollmentId: 'tea.dave',
    transactionId: 'till-1',
    points: 70,
    earnedAt: day(1).toISOString(),
  };
  await app.store.append('enrollment-tea.dave', [
    { type: 'loyalty.points.earned', data: v1, schemaVersion: 1 },
  ]);
  await app.earn('alice', 'coffee', 600, 'launch promotion', { at: day(200) });
  await app.recordPurchase('bob', 'coffee', 4250, { at: day(10) });
  const { redemptionId } = await app.redeemReward('alice', 'coffee', 'espresso');
  await app.fulfilReward('espresso', redemptionId);
  await app.expirePoints('bob', 'coffee', { asOf: day(400) });
  await app.restockReward('espresso', 2);
  await app.runner.catchUp();
  return app;
}

const totals = (doc: CustomerBalance | undefined) =>
  doc && [doc.tier, doc.balance, doc.lifetimePoints, doc.earned, doc.redeemed, doc.expired, doc.reversed];

describe('the read models after a run', () => {
  it('customer balances match the Enrollment aggregates', async () => {
    const app = await run();
    const balances = await app.readModels.balances();
    expect(balances.map((doc) => doc.enrollmentId)).toEqual([
      'coffee.alice',
      'coffee.bob',
      'coffee.carol',
      'tea.dave',
    ]);
    for (const doc of balances) {
      const { state } = await app.enrollments.load(doc.enrollmentId);
      expect(totals(doc), doc.enrollmentId).toEqual([
        state.tier,
        state.balance,
        state.lifetimePoints,
        state.earned,
        state.redeemed,
        state.expired,
        state.reversed,
      ]);
    }
    // What happened, in numbers: alice 100 + 600 − 600; bob's bonus and purchase expired;
    // carol's bonus rolled back; dave's v1 earning counted.
    expect(totals(await app.readModels.balance('alice', 'coffee'))).toEqual([
      'silver',
      100,
      700,
      700,
      600,
      0,
      0,
    ]);
    expect(totals(await app.readModels.balance('bob', 'coffee'))).toEqual(['basic', 0, 142, 142, 0, 142, 0]);
    expect(totals(await app.readModels.balance('carol', 'coffee'))).toEqual(['basic', 0, 0, 100, 0, 0, 100]);
    expect(totals(await app.readModels.balance('dave', 'tea'))).toEqual(['basic', 70, 70, 70, 0, 0, 0]);
  });

  it('the leaderboard ranks a program’s members by lifetime points', async () => {
    const app = await run();
    expect(await app.readModels.leaderboard('coffee')).toEqual([
      { rank: 1, customerId: 'alice', lifetimePoints: 700, tier: 'silver' },
      { rank: 2, customerId: 'bob', lifetimePoints: 142, tier: 'basic' },
      { rank: 3, customerId: 'carol', lifetimePoints: 0, tier: 'basic' },
    ]);
    expect(await app.readModels.leaderboard('coffee', 1)).toHaveLength(1);
    expect(await app.readModels.leaderboard('tea')).toEqual([
      { rank: 1, customerId: 'dave', lifetimePoints: 70, tier: 'basic' },
    ]);
    expect(await app.readModels.leaderboard('nothing')).toEqual([]);
    const board = await app.target.documents<{ name: string }>(PROGRAM_LEADERBOARD, 'programs').get('coffee');
    expect(board?.name).toBe('Coffee Club');
  });

  it('reward stock matches the Reward aggregates', async () => {
    const app = await run();
    const stock = await app.readModels.rewardStock('coffee');
    expect(stock.map((doc) => [doc.rewardId, doc.stock, doc.claimed, doc.fulfilled, doc.cancelled])).toEqual([
      ['espresso', 2, 1, 1, 0],
      ['mug', 1, 2, 0, 1], // alice's and bob's welcome mugs; carol's went back
    ]);
    for (const doc of stock) {
      const { state } = await app.rewards.load(doc.rewardId);
      const taken = Object.values(state.redemptions).filter((r) => r.status !== 'cancelled');
      expect([doc.stock, doc.claimed, doc.cost], doc.rewardId).toEqual([
        state.stock,
        taken.length,
        state.cost,
      ]);
    }
    expect(await app.readModels.rewardStock('tea')).toEqual([]);
  });

  it('a rebuild from position 0 gives the same read models', async () => {
    const app = await run();
    const read = async () => ({
      balances: await app.target.documents<CustomerBalance>(CUSTOMER_BALANCES, 'balances').find(() => true),
      boards: await app.target.documents(PROGRAM_LEADERBOARD, 'programs').find(() => true),
      rewards: await app.target.documents<RewardStock>(REWARD_STOCK, 'rewards').find(() => true),
    });
    const before = await read();
    for (const name of [CUSTOMER_BALANCES, PROGRAM_LEADERBOARD, REWARD_STOCK]) await app.runner.rebuild(name);
    expect(await read()).toEqual(before);
    expect(before.balances).toHaveLength(4);
    expect(before.boards).toHaveLength(2);
    expect(await app.runner.deadLetters()).toEqual([]);
  });
});
