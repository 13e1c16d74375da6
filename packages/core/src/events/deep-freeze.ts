/** Freezes a plain JSON-like tree in place and returns it (typed arrays are left as they are). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  // Typed arrays cannot be frozen (binary event data from other clients carries them).
  if (ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    // By index: Object.keys of an array allocates a string per element (100k for a long history).
    for (let i = 0; i < value.length; i++) deepFreeze(value[i] as unknown);
  } else {
    // for-in allocates no key array (Object.keys made one per object frozen, a large part of
    // the garbage of loading many small aggregates); a JSON-like tree has no inherited keys.
    for (const key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key))
        deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}
