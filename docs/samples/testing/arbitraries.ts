// The arbitraries samples of the testing guide; arbitraries.test.ts runs them.
// #region arbitraries
import { arbitraryOf, eventArbitrary } from '@strata/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { AccountEvents, LoyaltyAccount, PointsEarned } from './account.js';

it('generates PointsEarned data that its schema accepts', () => {
  fc.assert(
    fc.property(arbitraryOf(PointsEarned.schema), (data) => {
      PointsEarned.schema.parse(data);
    }),
  );
});

it('replays any valid history to what was earned less what was redeemed', () => {
  fc.assert(
    fc.property(fc.array(eventArbitrary(AccountEvents), { maxLength: 20 }), (events) => {
      const account = new LoyaltyAccount('a-1').replay(events);
      let balance = 0;
      for (const event of events) {
        if (event.type === 'loyalty.points.earned') balance += event.data.points;
        if (event.type === 'loyalty.points.redeemed') balance -= event.data.points;
      }
      expect(account.state.balance).toBe(balance);
    }),
    { numRuns: 50 },
  );
});

it('makes events of one definition', () => {
  fc.assert(
    fc.property(eventArbitrary(PointsEarned), (event) => {
      expect(event.type).toBe('loyalty.points.earned');
      expect(event.data.points).toBeGreaterThan(0);
    }),
  );
});
// #endregion arbitraries
