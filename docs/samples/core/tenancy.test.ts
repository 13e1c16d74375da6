import { InvalidStreamIdError, createEventStore, forTenant } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { tenantSnapshots, twoTenants } from './tenancy.js';

describe('core: forTenant', () => {
  it('isolates tenants and stamps tenantId', async () => {
    const { theirs, acmeView, underneath } = await twoTenants();
    expect(theirs).toBeUndefined();
    expect(acmeView.map((e) => [e.streamId, e.metadata.tenantId])).toEqual([['loyaltyAccount-a-1', 'acme']]);
    expect(underneath.map((e) => e.streamId)).toEqual(['loyaltyAccount-acme~a-1']);
  });

  it('files snapshots in the tenant namespace', async () => {
    const snapshots = await tenantSnapshots();
    expect(await snapshots.load('acme~loyaltyAccount-a-1')).toBeDefined();
    expect(await snapshots.load('loyaltyAccount-a-1')).toBeUndefined();
  });

  it('refuses ids that are not <category>-<id> and tenant ids with ~', async () => {
    const view = forTenant(createEventStore('memory:'), 'acme');
    await expect(view.append('nodash', [{ type: 't', data: {} }])).rejects.toBeInstanceOf(
      InvalidStreamIdError,
    );
    expect(() => forTenant(createEventStore('memory:'), 'a~b')).toThrow(InvalidStreamIdError);
  });
});
