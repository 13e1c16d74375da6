import { toArray } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { Enrolled } from '../getting-started/loyalty-account.js';
import { alsoStrict, rejectedBatches, strict } from './memory-store.js';

describe('core: MemoryEventStore options', () => {
  it('refuses each bad batch whole', async () => {
    expect(await rejectedBatches(strict)).toEqual([
      'EVENT_VALIDATION',
      'UNKNOWN_EVENT_TYPE',
      'MALFORMED_EVENT',
      'EVENT_TOO_LARGE',
    ]);
    expect(await toArray(strict.readStream('loyaltyAccount-a-1'))).toEqual([]);
    await expect(alsoStrict.append('x-1', [{ type: 'nope', data: {} }])).rejects.toThrow(
      /Unknown event type 'nope'/,
    );
  });

  it('uses the injected clock and ids', async () => {
    await strict.append('loyaltyAccount-a-2', [
      Enrolled.create({ accountId: 'a-2', programId: 'p' }),
      Enrolled.create({ accountId: 'a-2', programId: 'q' }),
    ]);
    const [first, second] = await toArray(strict.readStream('loyaltyAccount-a-2'));
    // Ids are drawn only for batches that are written: the four refused batches above used none.
    expect(first!.eventId).toBe('00000000-0000-4000-8000-000000000001');
    expect(second!.eventId).toBe('00000000-0000-4000-8000-000000000002');
    // One batch, one clock reading: both events share recordedAt.
    expect(first!.recordedAt.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(second!.recordedAt.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});
