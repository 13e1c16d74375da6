// The use cases the demo calls, on memory (the enrolment saga is not started here: its own tests
// drive it).
import { DomainError, MemoryEventStore, sequentialIds, toArray } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { createLoyaltyApp } from './loyalty-app.js';

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY);

async function setUp() {
  let now = day(0);
  const clock = { now: () => now };
  const app = createLoyaltyApp({ store: new MemoryEventStore(), clock, ids: sequentialIds('id-') });
  await app.createProgram('coffee', {
    name: 'Coffee Club',
    tierThresholds: { silver: 500, gold: 2000 },
    earnRules: { pointsPerUnit: 1, tierMultipliers: { basic: 100, silver: 150, gold: 200 } },
    pointsExpireAfterDays: 365,
  });
  await app.addReward('mug', { programId: 'coffee', name: 'Coffee mug', cost: 300, stock: 2 });
  await app.activateProgram('coffee');
  await app.enrol('alice', 'coffee');
  const events = async () => (await toArray(app.store.readAll())).length;
  return { app, events, travel: (to: number) => void (now = day(to)) };
}

/** The code of the DomainError `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

describe('the loyalty app', () => {
  it('earning past a threshold upgrades the tier, and purchases then earn at its rate', async () => {
    const { app } = await setUp();
    const alice = await app.earn('alice', 'coffee', 520, 'launch promotion');
    expect(alice.state).toMatchObject({ balance: 520, tier: 'silver' });
    expect(alice.state.lots[0]?.transactionId).toBe('id-000000000001');
    const { points, enrollment } = await app.recordPurchase('alice', 'coffee', 2000, {
      transactionId: 'till-1',
    });
    expect(points).toBe(30); // 20.00 × 1 × 150 %
    expect(enrollment.state.balance).toBe(550);
  });

  it('redeeming a reward takes a unit from stock and its cost from the balance', async () => {
    const { app } = await setUp();
    await app.earn('alice', 'coffee', 400, 'promotion');
    const redeemed = await app.redeemReward('alice', 'coffee', 'mug', { redemptionId: 'r-1' });
    expect(redeemed).toEqual({ redemptionId: 'r-1', points: 300, balance: 100 });
    const mug = await app.rewards.load('mug');
    expect(mug.state.stock).toBe(1);
    expect(mug.state.redemptions['r-1']).toMatchObject({
      customerId: 'alice',
      kind: 'redeemed',
      status: 'open',
    });
    await app.fulfilReward('mug', 'r-1');
    expect((await app.rewards.load('mug')).state.redemptions['r-1']?.status).toBe('fulfilled');
  });

  it('a refused redemption writes nothing', async () => {
    const { app, events } = await setUp();
    await app.earn('alice', 'coffee', 100, 'promotion');
    const before = await events();
    expect(await refusal(app.redeemReward('alice', 'coffee', 'mug'))).toBe('INSUFFICIENT_POINTS');
    await app.earn('alice', 'coffee', 900, 'promotion');
    await app.redeemReward('alice', 'coffee', 'mug');
    await app.redeemReward('alice', 'coffee', 'mug');
    const sold = await events();
    expect(await refusal(app.redeemReward('alice', 'coffee', 'mug'))).toBe('REWARD_OUT_OF_STOCK');
    expect(await events()).toBe(sold);
    expect(sold).toBe(before + 2 + 4); // earned + tier upgraded, then two of (reward.redeemed, points.redeemed)
    expect((await app.enrollments.load('coffee.alice')).state.balance).toBe(400);
  });

  it('two redemptions racing for one balance: one wins, the other puts its unit back', async () => {
    const { app } = await setUp();
    await app.earn('alice', 'coffee', 400, 'promotion');
    const outcomes = await Promise.allSettled([
      app.redeemReward('alice', 'coffee', 'mug', { redemptionId: 'r-1' }),
      app.redeemReward('alice', 'coffee', 'mug', { redemptionId: 'r-2' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    const mug = await app.rewards.load('mug');
    expect(mug.state.stock).toBe(1);
    expect(
      Object.values(mug.state.redemptions)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['cancelled', 'open']);
    expect((await app.enrollments.load('coffee.alice')).state).toMatchObject({ balance: 100, redeemed: 300 });
  });

  it('points expire by the app’s clock, or as of a given date', async () => {
    const { app, travel } = await setUp();
    await app.earn('alice', 'coffee', 100, 'old');
    travel(200);
    await app.earn('alice', 'coffee', 50, 'newer');
    expect(await app.expirePoints('alice', 'coffee')).toBe(0);
    travel(370);
    expect(await app.expirePoints('alice', 'coffee')).toBe(100);
    expect(await app.expirePoints('alice', 'coffee', { asOf: day(600) })).toBe(50);
    expect((await app.enrollments.load('coffee.alice')).state).toMatchObject({
      balance: 0,
      expired: 150,
      tier: 'basic',
    });
  });

  it('says who and what is missing with a DomainError', async () => {
    const { app } = await setUp();
    expect(await refusal(app.earn('bob', 'coffee', 10, 'x'))).toBe('NOT_ENROLLED');
    expect(await refusal(app.redeemReward('bob', 'coffee', 'mug'))).toBe('NOT_ENROLLED');
    expect(await refusal(app.expirePoints('bob', 'coffee'))).toBe('NOT_ENROLLED');
    expect(await refusal(app.enrol('bob', 'tea'))).toBe('PROGRAM_NOT_FOUND');
    expect(await refusal(app.activateProgram('tea'))).toBe('PROGRAM_NOT_FOUND');
    expect(await refusal(app.addReward('cup', { programId: 'tea', name: 'Cup', cost: 5, stock: 1 }))).toBe(
      'PROGRAM_NOT_FOUND',
    );
    expect(await refusal(app.redeemReward('alice', 'coffee', 'yacht'))).toBe('REWARD_NOT_FOUND');
    expect(await refusal(app.restockReward('yacht', 1))).toBe('REWARD_NOT_FOUND');
    expect(await refusal(app.fulfilReward('yacht', 'r-1'))).toBe('REWARD_NOT_FOUND');
  });

  it('enrolments, earnings and redemptions need an active program', async () => {
    const { app } = await setUp();
    await app.createProgram('tea', { name: 'Tea Time' });
    expect(await refusal(app.enrol('alice', 'tea'))).toBe('PROGRAM_INACTIVE');
    await app.suspendProgram('coffee', 'audit');
    expect(await refusal(app.earn('alice', 'coffee', 10, 'x'))).toBe('PROGRAM_INACTIVE');
    expect(await refusal(app.redeemReward('alice', 'coffee', 'mug'))).toBe('PROGRAM_INACTIVE');
    await app.activateProgram('coffee');
    await app.earn('alice', 'coffee', 10, 'x');
  });

  it('a customer enrols once, even when two requests race', async () => {
    const { app } = await setUp();
    expect(await refusal(app.enrol('alice', 'coffee'))).toBe('ALREADY_ENROLLED');
    const outcomes = await Promise.allSettled([app.enrol('bob', 'coffee'), app.enrol('bob', 'coffee')]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')?.reason).toMatchObject({
      code: 'ALREADY_ENROLLED',
    });
  });

  it('stamps the caller’s metadata on what it writes', async () => {
    const { app } = await setUp();
    await app.earn('alice', 'coffee', 10, 'x', { metadata: { correlationId: 'req-7', userId: 'till-3' } });
    const last = (await toArray(app.store.readStream('enrollment-coffee.alice'))).at(-1);
    expect(last?.metadata).toMatchObject({ correlationId: 'req-7', userId: 'till-3' });
  });
});
