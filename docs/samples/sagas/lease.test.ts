import { describe, expect, it } from 'vitest';
import { refusal, takeover } from './lease.js';

describe('sagas: refusals and leases', () => {
  it('a step that throws a DomainError runs once and the saga fails at once', async () => {
    const { calls, status } = await refusal();
    expect(calls).toEqual(['refund r-1 #1']);
    expect(status?.status).toBe('failed');
    expect(status?.steps[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'REFUND_TOO_LARGE' },
    });
  });

  it('one orchestrator is active, the other stands by and takes over when the first stops', async () => {
    expect(await takeover()).toEqual({ roles: ['active', 'standby'], stopped: 'stopped', after: 'active' });
  });
});
