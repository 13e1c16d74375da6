import { StoreClosedError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { alsoAStore, closing, live, positionsAndReads, store } from './memory.js';

describe('stores: memory', () => {
  it('gives a MemoryEventStore for memory:', async () => {
    const { MemoryEventStore } = await import('@strata/core');
    expect(store).toBeInstanceOf(MemoryEventStore);
    expect(alsoAStore).toBeInstanceOf(MemoryEventStore);
  });

  it('numbers positions from 0 and reads what was stored when the read was called', async () => {
    expect(await positionsAndReads()).toEqual({
      earned: { nextExpectedRevision: 1n, position: 2n },
      seen: 3,
    });
  });

  it('catches up, says so, then goes live', async () => {
    expect(await live()).toEqual([0n, 1n, 2n, 3n, -1n, 4n]);
  });

  it('refuses work once closed', async () => {
    const error = await closing();
    expect(error).toBeInstanceOf(StoreClosedError);
    expect((error as StoreClosedError).code).toBe('STORE_CLOSED');
  });
});
