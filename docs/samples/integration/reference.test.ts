import { CircuitOpenError } from '@strata/integration';
import { describe, expect, it } from 'vitest';
import { breaker, headers, mapped, matches, verified } from './reference.js';

describe('integration events: smaller parts of the API', () => {
  it('signs as the publisher does, and the signature verifies', () => {
    expect(headers['x-strata-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verified.eventId).toBe('message-1');
  });

  it('matches patterns as the bus does', () => {
    expect(matches).toEqual([true, true, false]);
  });

  it('maps an event to messages with stable ids and a JSON form', async () => {
    const { message, sameId, back, types } = await mapped();
    expect(message).toMatchObject({
      type: 'loyalty.points-awarded.v1',
      data: { accountId: 'a-1', points: 10 },
    });
    expect(sameId).toBe(message!.id);
    expect(back).toEqual(message);
    expect(types).toEqual(['loyalty.points.earned', 'loyalty.account.closed']);
  });

  it('opens a circuit after the threshold, per endpoint', () => {
    expect(breaker.state('https://partner.example/hooks')).toBe('open');
    expect(() => breaker.enter('https://partner.example/hooks')).toThrow(CircuitOpenError);
    expect(breaker.state('https://other.example/hooks')).toBe('closed');
  });
});
