/**
 * An async iterable over a synchronous source. Cheaper than an async generator: one
 * resolved promise per item, no generator frames, which is most of a replay's cost.
 */
export function asyncFromSync<T>(make: () => Iterator<T>): AsyncIterable<T> {
  const iterable: AsyncIterable<T> & SyncSource<T> = {
    [syncSource]: make,
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const iterator = make();
      return {
        next: () => Promise.resolve(iterator.next()),
        return: (value?: unknown) => Promise.resolve({ done: true, value: value as T }),
      };
    },
  };
  return iterable;
}

/** @internal Marks an async iterable whose items are already in memory. */
export const syncSource = Symbol('strata.syncSource');

/** @internal */
export interface SyncSource<T> {
  readonly [syncSource]: () => Iterator<T>;
}

/**
 * @internal The synchronous iterator behind an `asyncFromSync` iterable, if it is one: a
 * reader that can use it (replay) skips a promise per item and reads the same items in order.
 */
export function syncIteratorOf<T>(iterable: AsyncIterable<T>): Iterable<T> | undefined {
  const make = (iterable as Partial<SyncSource<T>>)[syncSource];
  return typeof make === 'function' ? { [Symbol.iterator]: make } : undefined;
}

/** Collects an async iterable into an array. */
export async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
