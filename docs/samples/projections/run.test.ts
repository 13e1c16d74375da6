import { describe, expect, it, vi } from 'vitest';
import { PointsEarned } from '../getting-started/loyalty-account.js';
import type { Account } from './define.js';
import { catchUpOnce, live, readSide, runner, statusRows, store, target } from './run.js';

describe('projections: running', () => {
  it('catches up, goes live, reports status, and serves reads', async () => {
    expect(await catchUpOnce()).toEqual({ balance: 10, tier: 'basic' });
    await live();
    await store.append('loyaltyAccount-a-1', [
      PointsEarned.create({ accountId: 'a-1', points: 990, reason: 'x' }),
    ]);
    const accounts = target.documents<Account>('account-balances', 'accounts');
    await expect.poll(async () => (await accounts.get('a-1'))?.tier).toBe('gold');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(statusRows()).toMatchObject([
      { name: 'account-balances', state: 'live', position: 2n, deadLetters: 0 },
    ]);
    expect(log).toHaveBeenCalledWith('account-balances v1: live at 2 (lag 0), 0 dead letters');
    log.mockRestore();
    expect(await readSide()).toEqual({ gold: [{ balance: 1000, tier: 'gold' }], count: 1 });
    await runner.stop();
    expect(runner.status()[0]?.state).toBe('stopped');
  });
});
