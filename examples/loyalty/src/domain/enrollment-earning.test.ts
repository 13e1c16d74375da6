import { describe, expect, it } from 'vitest';
import { alice, day, earned, enrolled, terms, upgraded } from './enrollment-fixtures.js';

describe('Enrollment', () => {
  describe('earning', () => {
    it('points are earned with a transaction id and a reason', async () => {
      await alice([enrolled])
        .when((e) => e.earn(terms, 120, { transactionId: 't-1', reason: 'birthday', at: day(3) }))
        .then([earned('t-1', 120, 3, 'birthday')]);
    });

    it('only by a member', async () => {
      await alice([])
        .when((e) => e.earn(terms, 10, { transactionId: 't-1', reason: 'x', at: day(0) }))
        .thenThrows('NOT_ENROLLED');
    });

    it('only while the program is active, and in the member’s own program', async () => {
      await alice([enrolled])
        .when((e) =>
          e.earn({ ...terms, status: 'suspended' }, 10, { transactionId: 't-1', reason: 'x', at: day(0) }),
        )
        .thenThrows('PROGRAM_INACTIVE');
      const error = await alice([enrolled])
        .when((e) =>
          e.earn({ ...terms, programId: 'tea' }, 10, { transactionId: 't-1', reason: 'x', at: day(0) }),
        )
        .thenThrows('PROGRAM_MISMATCH');
      expect(error).toMatchObject({ details: { programId: 'coffee', given: 'tea' } });
    });

    it('points are whole and positive', async () => {
      for (const points of [0, -5, 2.5]) {
        await alice([enrolled])
          .when((e) => e.earn(terms, points, { transactionId: 't-1', reason: 'x', at: day(0) }))
          .thenThrows('INVALID_POINTS');
      }
    });

    it('a transaction is recorded once, and has an id', async () => {
      const error = await alice([enrolled, earned('t-1', 10)])
        .when((e) => e.earn(terms, 10, { transactionId: 't-1', reason: 'again', at: day(1) }))
        .thenThrows('DUPLICATE_TRANSACTION');
      expect(error).toMatchObject({ details: { transactionId: 't-1' } });
      await alice([enrolled])
        .when((e) => e.earn(terms, 10, { transactionId: '', reason: 'x', at: day(1) }))
        .thenThrows('INVALID_TRANSACTION_ID');
    });

    it('reaching a threshold upgrades the tier, straight to gold if need be', async () => {
      await alice([enrolled, earned('t-1', 450)])
        .when((e) => e.earn(terms, 50, { transactionId: 't-2', reason: 'x', at: day(1) }))
        .then([earned('t-2', 50, 1, 'x'), upgraded('basic', 'silver', 500)]);
      await alice([enrolled])
        .when((e) => e.earn(terms, 2500, { transactionId: 't-1', reason: 'x', at: day(1) }))
        .then([earned('t-1', 2500, 1, 'x'), upgraded('basic', 'gold', 2500)]);
    });

    it('a purchase earns by the earn rules at the member’s tier', async () => {
      const silver = [enrolled, earned('t-1', 600), upgraded('basic', 'silver', 600)];
      await alice(silver)
        .when((e) => expect(e.earnPurchase(terms, 1000, { transactionId: 't-2', at: day(2) })).toBe(12))
        .then([earned('t-2', 12, 2, 'purchase')]); // 10.00 × 1 point × 125 %, rounded down
      await alice([enrolled])
        .when((e) => expect(e.earnPurchase(terms, 99, { transactionId: 't-2', at: day(2) })).toBe(0))
        .then([]);
      await alice([enrolled])
        .when((e) => e.earnPurchase(terms, -100, { transactionId: 't-2', at: day(2) }))
        .thenThrows('INVALID_AMOUNT');
    });
  });
});
