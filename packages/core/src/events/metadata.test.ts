import { describe, expect, it } from 'vitest';
import { causedBy, mergeMetadata } from './metadata.js';

describe('metadata', () => {
  it('causedBy carries correlation, tenant and user, and names the cause', () => {
    const cause = {
      eventId: 'e-1',
      metadata: { correlationId: 'c-1', tenantId: 't', userId: 'u', other: 1 },
    };
    expect(causedBy(cause)).toEqual({ correlationId: 'c-1', causationId: 'e-1', tenantId: 't', userId: 'u' });
    expect(causedBy(cause, { step: 'x' })).toMatchObject({ step: 'x', causationId: 'e-1' });
  });

  it('causedBy starts a correlation at the first event of a flow', () => {
    expect(causedBy({ eventId: 'e-1', metadata: {} })).toEqual({ correlationId: 'e-1', causationId: 'e-1' });
  });

  it('mergeMetadata: later parts win, undefined never erases', () => {
    expect(mergeMetadata({ a: 1, userId: 'u' }, undefined, { a: 2, userId: undefined })).toEqual({
      a: 2,
      userId: 'u',
    });
  });
});
