import { EventStoreDBConfigurationError } from '@strata/eventstoredb';
import { describe, expect, it } from 'vitest';
import { misconfigured, names, results } from './helpers.js';

describe('stores/eventstoredb: helpers', () => {
  it('give what the comments say', () => {
    expect(results.rewritten).toBe('esdb+discover://node:2113');
    expect(results.position).toBe(1234n);
    expect(results.none).toBe(-1n);
    expect(results.esdbPosition).toEqual({ commit: 1234n, prepare: 1234n });
    expect(results.uuidKept).toBe('3f2c1a52-8f0e-4f7e-9b1c-2a4d5e6f7a8b');
    expect(results.fromName).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(results.sameFromName).toBe(results.fromName);
    expect(names).toEqual({
      schemes: ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:'],
      metadataKey: '$strata',
      checkpointType: '$strata.checkpoint',
      snapshotType: '$strata.snapshot',
    });
  });

  it('refuses a store with neither client nor connection string', () => {
    const error = misconfigured();
    expect(error).toBeInstanceOf(EventStoreDBConfigurationError);
    expect((error as EventStoreDBConfigurationError).code).toBe('EVENTSTOREDB_CONFIGURATION');
  });
});
