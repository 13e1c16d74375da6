import { deepFreeze } from '../events/deep-freeze.js';

/**
 * A private, mutable copy of a state tree for replay: plain objects, arrays, Maps and Sets
 * are copied; anything else (class instances, Dates) is kept by reference, as immer does.
 */
export function workingCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => workingCopy(item)) as T;
  if (value instanceof Map) {
    return new Map([...(value as Map<unknown, unknown>)].map(([k, v]) => [k, workingCopy(v)])) as T;
  }
  if (value instanceof Set) return new Set([...(value as Set<unknown>)].map((v) => workingCopy(v))) as T;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = workingCopy((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** Freezes an event so that `apply` can never write into it or keep a writable alias of it. */
export function freezeEvent<E>(event: E): E {
  if (!Object.isFrozen(event)) {
    const { data, metadata } = event as { data?: unknown; metadata?: unknown };
    deepFreeze(data);
    deepFreeze(metadata);
    Object.freeze(event);
  }
  return event;
}
