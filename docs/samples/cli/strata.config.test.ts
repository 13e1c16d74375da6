import { describe, expect, it } from 'vitest';

describe('CLI: the config file', () => {
  it('names the store and the projections', async () => {
    const { default: config } = await import('./strata.config.js');
    expect(config.store).toBe('pglite:./data');
    expect(config.projections?.map((p) => p.name)).toEqual(['account-balances']);
  });
});
