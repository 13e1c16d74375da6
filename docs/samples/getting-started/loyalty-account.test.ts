import { DomainError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { AccountEvents, LoyaltyAccount, PointsEarned } from './loyalty-account.js';

describe('getting started: LoyaltyAccount', () => {
  it('enrols, earns and redeems, keeping a running balance', () => {
    const account = new LoyaltyAccount('a-1');
    account.enrol('gold-club');
    account.earn(50, 'welcome');
    account.redeem(20);
    expect(account.state).toEqual({ enrolled: true, balance: 30 });
    expect(account.version).toBe(2n);
    expect(account.uncommittedEvents.map((e) => e.type)).toEqual(AccountEvents.types);
  });

  it('refuses what the rules forbid with DomainError codes', () => {
    const account = new LoyaltyAccount('a-1');
    expect(() => account.earn(5, 'x')).toThrow(expect.objectContaining({ code: 'NOT_ENROLLED' }));
    account.enrol('p');
    expect(() => account.enrol('p')).toThrow(expect.objectContaining({ code: 'ALREADY_ENROLLED' }));
    let refused: unknown;
    try {
      account.redeem(10);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).details).toEqual({ balance: 0, requested: 10 });
    expect(account.version).toBe(0n);
  });

  it('validates event data with the schema', () => {
    expect(() => PointsEarned.create({ accountId: 'a', points: -1, reason: 'x' })).toThrow(/points/);
  });
});
