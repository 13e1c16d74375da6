import { describe, expect, it } from 'vitest';
import { balances, streamsSeen } from './define.js';

describe('projections: define', () => {
  it('a projection knows its name, version, policy and the event types it handles', () => {
    expect(balances).toMatchObject({ name: 'account-balances', version: 1, onError: 'dead-letter' });
    expect([...balances.eventTypes].sort()).toEqual(['loyalty.customer.enrolled', 'loyalty.points.earned']);
    expect(streamsSeen.eventTypes).toEqual(['loyalty.customer.enrolled']);
  });
});
