// The given/when/then samples of the testing guide; specs.test.ts runs them.
// #region imports
import { DomainError } from '@strata/core';
import { given } from '@strata/testing';
import { expect, it } from 'vitest';
import { Enrolled, LoyaltyAccount, PointsEarned, PointsRedeemed } from './account.js';
// #endregion imports

// #region given-then
it('earning points raises PointsEarned', async () => {
  await given(LoyaltyAccount, [Enrolled.create({ accountId: 'a-1', programId: 'gold' })], { id: 'a-1' })
    .when((account) => account.earn(10, 'signup'))
    .then([PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'signup' })]);
});
// #endregion given-then

// #region given-throws
it('an account must enrol before it earns', async () => {
  await given(LoyaltyAccount, [])
    .when((a) => a.earn(10, 'x'))
    .thenThrows('NOT_ENROLLED');
  const error = await given(LoyaltyAccount, [])
    .when((a) => a.redeem(1))
    .thenThrows(DomainError);
  expect(error.message).toBe('enrol first');
});
// #endregion given-throws

// #region given-state
it('points add up', async () => {
  await given(LoyaltyAccount, [
    Enrolled.create({ accountId: 'a-1', programId: 'gold' }),
    PointsEarned.create({ accountId: 'a-1', points: 4, reason: 'welcome' }),
  ])
    .when(async (a) => a.earn(6, 'purchase'))
    .thenState((state) => expect(state.balance).toBe(10));
});
// #endregion given-state

// #region given-upcast
it('reads history written at an older schema version', async () => {
  const earnedV1 = {
    type: 'loyalty.points.earned',
    data: { accountId: 'a-1', points: 5 }, // version 1 had no reason
    schemaVersion: 1,
    metadata: {},
  };
  await given(LoyaltyAccount, [Enrolled.create({ accountId: 'a-1', programId: 'gold' }), earnedV1], {
    id: 'a-1',
  })
    .when((a) => a.redeem(5))
    .then([PointsRedeemed.create({ accountId: 'a-1', points: 5 })]);
});
// #endregion given-upcast

/** A spec that fails on purpose: specs.test.ts checks that the guide shows its real message. */
export const wrongReason = () =>
  // #region given-failing
  given(LoyaltyAccount, [Enrolled.create({ accountId: 'a-1', programId: 'gold' })], { id: 'a-1' })
    .when((a) => a.earn(10, 'signup'))
    .then([PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'welcome' })]);
// #endregion given-failing
