/**
 * Structural equality for states and event data: primitives by `Object.is`, arrays,
 * plain objects, Dates, Maps and Sets. A key whose value is `undefined` counts as absent,
 * because JSON (how events travel) drops such keys and zod leaves absent optionals out.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return Object.is(a.getTime(), (b as Date).getTime());
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]));
  }
  if (a instanceof Map) {
    const other = b as Map<unknown, unknown>;
    if (a.size !== other.size) return false;
    const rest = [...other];
    // Keys may be objects (a cloned Map has new ones): match entries structurally.
    for (const entry of a) {
      const index = rest.findIndex((candidate) => deepEqual(entry, candidate));
      if (index < 0) return false;
      rest.splice(index, 1);
    }
    return true;
  }
  if (a instanceof Set) {
    const other = b as Set<unknown>;
    if (a.size !== other.size) return false;
    const rest = [...other];
    // Members may be objects: match each one to a distinct deeply equal member.
    for (const item of a) {
      const index = rest.findIndex((candidate) => deepEqual(item, candidate));
      if (index < 0) return false;
      rest.splice(index, 1);
    }
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    if (!deepEqual(left[key], right[key])) return false;
  }
  return true;
}
