import { collectGarbage, exposedGc } from './gc.js';

/**
 * Heap bytes that `build` leaves reachable, per unit it reports: heapUsed after a full
 * collection, before and after, while the built value is still held. Needs --expose-gc.
 */
export async function retainedBytesPer(
  build: () => Promise<{ kept: unknown; units: number }>,
): Promise<number> {
  if (!exposedGc()) throw new Error('heap measurements need node --expose-gc');
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const { kept, units } = await build();
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  // Read `kept` after the second measurement so it cannot be collected before it.
  if (kept === undefined) throw new Error('the built value must be kept to be measured');
  return (after - before) / units;
}
