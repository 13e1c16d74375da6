import { DeciderSpecification } from '@event-driven-io/emmett';
import { describe, expect, it } from 'vitest';
import { decide, evolve, initialState, redeemingMoreThanTheBalanceIsRefused, scenario } from './emmett.js';

describe('coming from Emmett: the Emmett sample', () => {
  it('runs the scenario to the outcome the Strata sample reaches', async () => {
    const outcome = await scenario();
    expect(outcome).toEqual({
      types: ['loyalty.customer.enrolled', 'loyalty.points.earned', 'loyalty.points.redeemed'],
      lastRevision: 3n, // Emmett counts a stream's version from 1: three events, version 3n
      balance: 70,
      refusal: 'insufficient points',
      conflict: 'conflict',
    });
  });

  it('its decider passes a DeciderSpecification', () => {
    expect(redeemingMoreThanTheBalanceIsRefused).not.toThrow();
    const given = DeciderSpecification.for({ decide, evolve, initialState });
    expect(() =>
      given([])
        .when({ type: 'Enrol', data: { accountId: 'a-1', programId: 'gold' } })
        .then([{ type: 'loyalty.customer.enrolled', data: { accountId: 'a-1', programId: 'silver' } }]),
    ).toThrow();
  });
});
