/**
 * An async iterable over a synchronous source. Cheaper than an async generator: one
 * resolved promise per item, no generator frames, which is most of a replay's cost.
 */
export function asyncFromSync<T>(make: () => Iterator<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const iterator = make();
      return {
        next: () => Promise.resolve(iterator.next()),
        return: (value?: unknown) => Promise.resolve({ done: true, value: value as T }),
      };
    },
  };
}

/** Collects an async iterable into an array. */
export async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
