// The checkAggregate samples of the testing guide; check-aggregate.test.ts runs them.
// #region check-aggregate
import { DomainError } from '@strata/core';
import { checkAggregate } from '@strata/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { LoyaltyAccount, PointsRedeemed } from './account.js';

it('LoyaltyAccount keeps its properties under any command sequence', async () => {
  await checkAggregate(LoyaltyAccount, {
    id: 'a-1',
    commands: {
      enrol: {
        args: fc.tuple(fc.constantFrom('gold', 'silver')),
        run: (a, [programId]) => a.enrol(programId),
      },
      earn: {
        args: fc.tuple(fc.integer({ min: 1, max: 500 }), fc.string()),
        run: (a, [p, r]) => a.earn(p, r),
      },
      redeem: { args: fc.tuple(fc.integer({ min: 1, max: 500 })), run: (a, [p]) => a.redeem(p) },
    },
    invariants: { 'balance never negative': (state) => state.balance >= 0 },
    numRuns: 50,
  });
});
// #endregion check-aggregate

// #region check-aggregate-failing
// The bug: redeem forgot to check the balance.
class CarelessAccount extends LoyaltyAccount {
  override redeem(points: number) {
    if (!this.state.enrolled) throw new DomainError('NOT_ENROLLED', 'enrol first');
    this.raise(PointsRedeemed, { accountId: this.id, points });
  }
}

export const checkCareless = () =>
  checkAggregate(CarelessAccount, {
    id: 'a-1',
    commands: {
      enrol: {
        args: fc.tuple(fc.constantFrom('gold', 'silver')),
        run: (a, [programId]) => a.enrol(programId),
      },
      earn: {
        args: fc.tuple(fc.integer({ min: 1, max: 500 }), fc.string()),
        run: (a, [p, r]) => a.earn(p, r),
      },
      redeem: { args: fc.tuple(fc.integer({ min: 1, max: 500 })), run: (a, [p]) => a.redeem(p) },
    },
    invariants: { 'balance never negative': (state) => state.balance >= 0 },
    seed: 2026,
  });

it('finds the missing guard', async () => {
  await expect(checkCareless()).rejects.toMatchObject({
    property: 'invariant',
    invariant: 'balance never negative',
    commands: [
      { name: 'enrol', args: ['gold'] },
      { name: 'redeem', args: [1] },
    ],
  });
});
// #endregion check-aggregate-failing
