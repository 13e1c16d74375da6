import { DomainError } from '@strata/core';
import { given } from '@strata/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenario as emmettScenario } from './emmett.js';
import { LoyaltyAccount, redeemingMoreThanTheBalanceIsRefused, scenario } from './strata.js';

const expected = {
  types: ['loyalty.customer.enrolled', 'loyalty.points.earned', 'loyalty.points.redeemed'],
  lastRevision: 2n,
  balance: 70,
  refusal: 'insufficient points',
  conflict: 'conflict',
};

describe('coming from Emmett: the Strata sample', () => {
  let strata: Awaited<ReturnType<typeof scenario>>;
  let emmett: Awaited<ReturnType<typeof emmettScenario>>;
  beforeAll(async () => {
    strata = await scenario();
    emmett = await emmettScenario();
  });

  it('runs the scenario to the expected outcome', () => {
    expect(strata).toEqual(expected);
  });

  it('reaches what the Emmett sample reaches, revisions counted from 0 instead of 1', () => {
    expect(strata).toEqual({ ...emmett, lastRevision: emmett.lastRevision - 1n });
  });

  it('its aggregate passes a given/when/then spec', async () => {
    await expect(redeemingMoreThanTheBalanceIsRefused()).resolves.toBeInstanceOf(DomainError);
    await expect(
      given(LoyaltyAccount, [], { id: 'a-1' })
        .when((account) => account.enrol('gold'))
        .thenThrows(DomainError),
    ).rejects.toThrow();
  });
});
