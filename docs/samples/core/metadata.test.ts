import { describe, expect, it } from 'vitest';
import { merged, metadataFor, saveWithMetadata } from './metadata.js';

describe('core: metadata', () => {
  it('causedBy carries correlation, tenant and user, and names the cause', () => {
    const cause = {
      eventId: 'e-1',
      streamId: 'loyaltyAccount-a-1',
      revision: 0n,
      position: 0n,
      recordedAt: new Date(0),
      schemaVersion: 1,
      type: 'loyalty.points.earned',
      data: {},
      metadata: { tenantId: 'acme', userId: 'u-9' },
    };
    expect(metadataFor(cause, 'u-1')).toEqual({
      correlationId: 'e-1',
      causationId: 'e-1',
      tenantId: 'acme',
      userId: 'u-1',
      source: 'reward-handler',
    });
    expect(
      metadataFor({ ...cause, eventId: 'e-2', metadata: { correlationId: 'flow-1' } }, 'u-1'),
    ).toMatchObject({
      correlationId: 'flow-1',
      causationId: 'e-2',
    });
  });

  it('mergeMetadata: later wins key by key, undefined does not erase', () => {
    expect(merged()).toEqual({ tenantId: 'acme', userId: 'u-2', requestId: 'req-9' });
  });

  it('save and update stamp their metadata on every event', async () => {
    const events = await saveWithMetadata();
    expect(events.map((e) => e.metadata)).toEqual([
      { correlationId: 'req-42', userId: 'u-1' },
      { correlationId: 'req-43', userId: 'u-2' },
    ]);
  });
});
