import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { sagaInvariants } from './test-support/invariants.js';

describe('saga invariants under random failures and crashes (memory store)', () => {
  it('ends terminal or dead-lettered, compensates each completed step at most once, in reverse, with stable keys', async () => {
    await fc.assert(
      sagaInvariants((clock) => ({
        store: new MemoryEventStore({ clock }),
        checkpoints: new MemoryCheckpointStore(),
      })),
      { numRuns: 120 },
    );
  });
});
