import { describe, expect, it } from 'vitest';

describe('README: a taste', () => {
  it('enrols, earns through update, and loads the balance back', async () => {
    const { accounts } = await import('./taste.js');
    const account = await accounts.load('a-1');
    expect(account.state).toEqual({ enrolled: true, balance: 10 });
    expect(account.version).toBe(1n);
  });
});
