import { describe, expect, it, vi } from 'vitest';
import { Enrolled } from '../getting-started/loyalty-account.js';
import { operate, runner, store } from './failures.js';

describe('projections: failures and dead letters', () => {
  it('parks failing events after the retries, then retries or discards them', async () => {
    await store.append('loyaltyAccount-a-1', [Enrolled.create({ accountId: 'a-1', programId: 'p' })]);
    await store.append('loyaltyAccount-test-1', [Enrolled.create({ accountId: 'test-1', programId: 'p' })]);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await operate()).toEqual(['a-1']);
    expect(log).toHaveBeenCalledWith('loyalty.customer.enrolled at 0: mailer unavailable (5 attempts)');
    log.mockRestore();
    expect(await runner.deadLetters()).toEqual([]);
    expect(runner.status()[0]).toMatchObject({ position: 1n, deadLetters: 0 });
  });
});
