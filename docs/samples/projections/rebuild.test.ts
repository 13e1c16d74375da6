import { describe, expect, it, vi } from 'vitest';
import { Enrolled, PointsEarned } from '../getting-started/loyalty-account.js';
import type { Account } from './define.js';
import { store, target, upgrade } from './rebuild.js';

describe('projections: rebuild', () => {
  it('builds v2 beside v1 with progress, then reads switch to v2', async () => {
    await store.append('loyaltyAccount-a-1', [
      Enrolled.create({ accountId: 'a-1', programId: 'p' }),
      PointsEarned.create({ accountId: 'a-1', points: 600, reason: 'x' }),
      PointsEarned.create({ accountId: 'a-1', points: 1, reason: 'y' }),
    ]);
    const accounts = target.documents<Account>('account-balances', 'accounts');
    const seen: (string | undefined)[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation(() => {
      void accounts.get('a-1').then((a) => seen.push(a?.tier));
    });
    await upgrade();
    expect(log.mock.calls.map(([line]) => String(line).split(' ')[0])).toEqual(['2/3', '3/3', '3/3']);
    log.mockRestore();
    expect(seen.slice(0, 2)).toEqual(['basic', 'basic']); // v1 served while v2 was built
    expect(await accounts.get('a-1')).toEqual({ balance: 601, tier: 'gold' });
    expect((await target.builds('account-balances')).map((b) => b.version)).toEqual([2]);
  });
});
