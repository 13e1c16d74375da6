import { MemoryEventStore } from '@strata/core';
import { retainedBytesPer } from '../harness/heap.js';
import { loyaltyEvent } from '../domain/loyalty-history.js';

export const HEAP_MEASURE = 'heap per stored event';

/**
 * Heap a MemoryEventStore keeps per event: `events` loyalty events appended one per call
 * (as `Repository.save` writes them) over `streams` streams, default ids and clock. The
 * inputs are garbage after each append, so only what the store holds is counted.
 */
export async function heapBytesPerEvent(options: { events: number; streams: number }): Promise<number> {
  const { events, streams } = options;
  return retainedBytesPer(async () => {
    const store = new MemoryEventStore();
    for (let i = 0; i < events; i++) {
      const k = i % streams;
      await store.append(`loyaltyAccount-h-${k}`, [loyaltyEvent(`h-${k}`, Math.floor(i / streams))]);
    }
    return { kept: store, units: events };
  });
}
