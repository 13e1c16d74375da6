import { Repository, schemeOf } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { LoyaltyAccount } from '../getting-started/loyalty-account.js';
import { store, unknownScheme } from './create-event-store.js';
import { TinyEventStore } from './tiny-store.js';

describe('core: createEventStore and adapters', () => {
  it('a registered scheme gives its adapter, with the options', async () => {
    expect(store).toBeInstanceOf(TinyEventStore);
    const accounts = new Repository(store, LoyaltyAccount);
    const account = accounts.create('t-1');
    account.enrol('p');
    await accounts.save(account);
    expect((await accounts.load('t-1')).state.enrolled).toBe(true);
    expect(schemeOf('postgres://u@h/db')).toBe('postgres:');
  });

  it('an unknown scheme lists the registered ones', () => {
    const error = unknownScheme();
    expect(error?.code).toBe('UNKNOWN_STORE_SCHEME');
    expect(error?.registered).toEqual(expect.arrayContaining(['memory:', 'tiny:']));
    expect(error?.message).toMatch(/Registered schemes: .*memory:.*tiny:/);
  });
});
