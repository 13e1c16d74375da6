import { collectGarbage, exposedGc } from './gc.js';

/**
 * heapUsed once collecting frees no more: a quick run measured right after its timed cases,
 * whose last objects were still held by callbacks not yet run, and one collection then saw a
 * heap larger than the one after `build` (a negative size per event).
 */
async function settledHeapUsed(): Promise<number> {
  let last = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 8; attempt++) {
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    const used = process.memoryUsage().heapUsed;
    if (used >= last - 64 * 1024) return Math.min(used, last);
    last = used;
  }
  return last;
}

/**
 * Heap bytes that `build` leaves reachable, per unit it reports: heapUsed after a full
 * collection, before and after, while the built value is still held. Needs --expose-gc.
 */
export async function retainedBytesPer(
  build: () => Promise<{ kept: unknown; units: number }>,
): Promise<number> {
  if (!exposedGc()) throw new Error('heap measurements need node --expose-gc');
  const before = await settledHeapUsed();
  const { kept, units } = await build();
  const after = await settledHeapUsed();
  // Read `kept` after the second measurement so it cannot be collected before it.
  if (kept === undefined) throw new Error('the built value must be kept to be measured');
  return (after - before) / units;
}
