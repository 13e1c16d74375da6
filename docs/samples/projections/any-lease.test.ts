import { describe, expect, it } from 'vitest';
import { Enrolled } from '../getting-started/loyalty-account.js';
import { memberDocuments, runnerFor, shared, store } from './any-lease.js';

describe('projections: any Lease', () => {
  it('the runner holding the given lease runs the build; another stands by', async () => {
    await store.append('loyaltyAccount-a-1', [Enrolled.create({ accountId: 'a-1', programId: 'gold' })]);
    const a = runnerFor('worker-a', shared);
    const b = runnerFor('worker-b', shared);
    await a.start();
    await b.start();
    expect(a.status()[0]?.state).toBe('live');
    expect(b.status()[0]?.state).toBe('standby');
    expect(await memberDocuments().get('a-1')).toEqual({ programId: 'gold' });
    await a.stop();
    await b.stop();
  });
});
