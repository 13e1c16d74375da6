import type { EventInput } from '@strata/core';
import { Enrolled, PointsEarned, PointsRedeemed } from './loyalty-account.js';

/**
 * The i-th event of a deterministic account history: an enrolment, then mostly earnings
 * with a redemption every tenth event (never more than the balance, so the history is valid).
 */
export function loyaltyEvent(accountId: string, index: number): EventInput {
  if (index === 0) {
    return { type: Enrolled.type, data: { accountId, programId: 'gold' }, schemaVersion: Enrolled.version };
  }
  if (index % 10 === 0) {
    return {
      type: PointsRedeemed.type,
      data: { accountId, points: 5 },
      schemaVersion: PointsRedeemed.version,
    };
  }
  return {
    type: PointsEarned.type,
    data: { accountId, points: 1 + (index % 7), reason: 'purchase' },
    schemaVersion: PointsEarned.version,
  };
}

/** The balance and history length that `count` events of `loyaltyEvent` leave, for checks. */
export function expectedAccount(count: number): { balance: number; historyLength: number } {
  let balance = 0;
  for (let i = 1; i < count; i++) balance += i % 10 === 0 ? -5 : 1 + (i % 7);
  return { balance, historyLength: Math.max(0, count - 1) };
}
