import {
  mathRandom,
  randomIds,
  seededRandom,
  sequentialIds,
  steppingClock,
  systemClock,
  toArray,
} from '@strata/core';
import { describe, expect, it } from 'vitest';
import { accounts, readings, store } from './providers.js';

describe('core: providers', () => {
  it('steppingClock, sequentialIds and seededRandom are deterministic', () => {
    const { clock, random } = readings();
    expect(clock.now().toISOString()).toBe('2025-06-01T09:00:02.000Z');
    const again = seededRandom(42);
    again();
    expect(random()).toBe(again());
    expect(sequentialIds('x-').next()).toBe('x-000000000001');
    expect(steppingClock().now().toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('the defaults are the system sources', () => {
    expect(randomIds.next()).toMatch(/^[0-9a-f-]{36}$/);
    expect(systemClock.now()).toBeInstanceOf(Date);
    const r = mathRandom();
    expect(r >= 0 && r < 1).toBe(true);
  });

  it('a repository and store given the providers record deterministic ids and times', async () => {
    const account = accounts.create('p-1');
    account.enrol('club');
    await accounts.save(account);
    const [event] = await toArray(store.readStream('loyaltyAccount-p-1'));
    expect(event!.eventId).toBe('evt-000000000001');
    expect(event!.recordedAt.toISOString()).toBe('2025-06-01T09:00:00.000Z');
  });
});
