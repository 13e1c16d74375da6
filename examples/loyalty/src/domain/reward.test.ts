import { checkAggregate, given } from '@strata/testing';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  Reward,
  RewardCreated,
  RewardFulfilled,
  RewardIssued,
  RewardRedeemed,
  RewardRedemptionCancelled,
  RewardRestocked,
} from './reward.js';

const created = (stock: number) =>
  RewardCreated.create({ rewardId: 'mug', programId: 'coffee', name: 'Coffee mug', cost: 250, stock });
const redeemed = RewardRedeemed.create({
  rewardId: 'mug',
  redemptionId: 'r-1',
  customerId: 'alice',
  points: 250,
});
const issued = RewardIssued.create({
  rewardId: 'mug',
  redemptionId: 'w-1',
  customerId: 'bob',
  reason: 'welcome gift',
});
const alice = { customerId: 'alice', programId: 'coffee' };
const mug = (history: Parameters<typeof given>[1]) => given(Reward, history, { id: 'mug' });

describe('Reward', () => {
  it('is put in a program’s catalogue with its cost and stock', async () => {
    await mug([])
      .when((r) => r.create({ programId: 'coffee', name: 'Coffee mug', cost: 250, stock: 3 }))
      .then([created(3)]);
  });

  it('is created once, with a name, a cost and a stock that make sense', async () => {
    await mug([created(3)])
      .when((r) => r.create({ programId: 'coffee', name: 'Mug', cost: 250, stock: 3 }))
      .thenThrows('REWARD_ALREADY_CREATED');
    await mug([])
      .when((r) => r.create({ programId: 'coffee', name: '', cost: 250, stock: 3 }))
      .thenThrows('INVALID_REWARD_NAME');
    const error = await mug([])
      .when((r) => r.create({ programId: 'coffee', name: 'Mug', cost: 0, stock: 3 }))
      .thenThrows('INVALID_COST');
    expect(error).toMatchObject({ details: { rewardId: 'mug', cost: 0 } });
    await mug([])
      .when((r) => r.create({ programId: 'coffee', name: 'Mug', cost: 250, stock: -1 }))
      .thenThrows('INVALID_QUANTITY');
  });

  it('is restocked by a whole number', async () => {
    await mug([created(0)])
      .when((r) => r.restock(5))
      .then([RewardRestocked.create({ rewardId: 'mug', quantity: 5 })]);
    await mug([created(0)])
      .when((r) => r.restock(0))
      .thenThrows('INVALID_QUANTITY');
    await mug([])
      .when((r) => r.restock(5))
      .thenThrows('REWARD_NOT_FOUND');
  });

  it('is redeemed for its cost, one unit from stock', async () => {
    await mug([created(1)])
      .when((r) => r.redeem('r-1', alice))
      .then([redeemed]);
    await mug([created(1), redeemed])
      .when(() => undefined)
      .thenState((s) => expect([s.stock, s.redemptions['r-1']?.status]).toEqual([0, 'open']));
  });

  it('is given free of points as a welcome gift', async () => {
    await mug([created(1)])
      .when((r) => r.issue('w-1', { customerId: 'bob', programId: 'coffee' }, 'welcome gift'))
      .then([issued]);
  });

  it('not when out of stock', async () => {
    const error = await mug([created(1), issued])
      .when((r) => r.redeem('r-1', alice))
      .thenThrows('REWARD_OUT_OF_STOCK');
    expect(error).toMatchObject({ details: { rewardId: 'mug', stock: 0 } });
    await mug([created(0)])
      .when((r) => r.issue('w-1', alice, 'welcome gift'))
      .thenThrows('REWARD_OUT_OF_STOCK');
  });

  it('only to members of its program, once per redemption id, and only if it exists', async () => {
    const error = await mug([created(5)])
      .when((r) => r.redeem('r-1', { customerId: 'alice', programId: 'tea' }))
      .thenThrows('REWARD_NOT_IN_PROGRAM');
    expect(error).toMatchObject({ details: { programId: 'coffee', given: 'tea' } });
    await mug([created(5), redeemed])
      .when((r) => r.issue('r-1', alice, 'again'))
      .thenThrows('DUPLICATE_REDEMPTION');
    await mug([created(5)])
      .when((r) => r.redeem('', alice))
      .thenThrows('INVALID_REDEMPTION_ID');
    await mug([])
      .when((r) => r.redeem('r-1', alice))
      .thenThrows('REWARD_NOT_FOUND');
  });

  it('a cancelled redemption puts the unit back, once', async () => {
    const cancelled = RewardRedemptionCancelled.create({
      rewardId: 'mug',
      redemptionId: 'r-1',
      customerId: 'alice',
      reason: 'points could not be debited',
    });
    await mug([created(1), redeemed])
      .when((r) => r.cancelRedemption('r-1', 'points could not be debited'))
      .then([cancelled]);
    await mug([created(1), redeemed, cancelled])
      .when(() => undefined)
      .thenState((s) => expect(s.stock).toBe(1));
    await mug([created(1), redeemed, cancelled])
      .when((r) => r.cancelRedemption('r-1', 'again'))
      .thenThrows('REDEMPTION_CANCELLED');
    await mug([created(1)])
      .when((r) => r.cancelRedemption('r-9', 'x'))
      .thenThrows('REDEMPTION_NOT_FOUND');
  });

  it('a redemption is fulfilled once, and then cannot be cancelled', async () => {
    const fulfilled = RewardFulfilled.create({ rewardId: 'mug', redemptionId: 'r-1', customerId: 'alice' });
    await mug([created(1), redeemed])
      .when((r) => r.fulfil('r-1'))
      .then([fulfilled]);
    await mug([created(1), redeemed, fulfilled])
      .when((r) => r.fulfil('r-1'))
      .thenThrows('REDEMPTION_ALREADY_FULFILLED');
    await mug([created(1), redeemed, fulfilled])
      .when((r) => r.cancelRedemption('r-1', 'x'))
      .thenThrows('REDEMPTION_ALREADY_FULFILLED');
  });

  it('keeps its invariants under any command sequence', async () => {
    // Longer sequences than fast-check's default size, so that redemptions get fulfilled.
    const base = fc.readConfigureGlobal();
    fc.configureGlobal({ ...base, baseSize: 'medium' });
    onTestFinished(() => fc.configureGlobal(base));
    const redemption = fc.constantFrom('r-1', 'r-2', 'r-3', 'r-4');
    const program = fc.constantFrom('coffee', 'coffee', 'tea');
    const result = await checkAggregate(Reward, {
      id: 'mug',
      commands: {
        create: {
          args: fc.tuple(fc.integer({ min: 0, max: 3 })),
          run: (r, [stock]) => r.create({ programId: 'coffee', name: 'Mug', cost: 250, stock }),
        },
        restock: { args: fc.tuple(fc.integer({ min: 0, max: 2 })), run: (r, [q]) => r.restock(q) },
        redeem: {
          args: fc.tuple(redemption, program),
          run: (r, [id, programId]) => r.redeem(id, { customerId: 'alice', programId }),
        },
        issue: {
          args: fc.tuple(redemption, program),
          run: (r, [id, programId]) => r.issue(id, { customerId: 'bob', programId }, 'gift'),
        },
        cancel: { args: fc.tuple(redemption), run: (r, [id]) => r.cancelRedemption(id, 'x') },
        fulfil: { args: fc.tuple(redemption), run: (r, [id]) => r.fulfil(id) },
      },
      invariants: {
        'stock never negative': (s) => s.stock >= 0,
        'every unit supplied is on the shelf or taken': (s) =>
          s.stock + Object.values(s.redemptions).filter((r) => r.status !== 'cancelled').length ===
          s.supplied,
        'a redeemed unit cost its points, an issued one none': (s) =>
          Object.values(s.redemptions).every((r) => r.points === (r.kind === 'redeemed' ? s.cost : 0)),
      },
      numRuns: 100,
      seed: 20261126,
    });
    for (const name of ['redeem', 'issue', 'cancel', 'fulfil'] as const) {
      const stats = result.commands[name];
      expect(stats && stats.runs - stats.rejected, name).toBeGreaterThan(0);
      expect(stats?.rejected, name).toBeGreaterThan(0);
    }
  });
});
