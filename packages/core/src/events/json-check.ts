type Problem = { path: string; reason: string };

/** What is wrong with a value JSON cannot carry, or undefined; containers are checked by `visit`. */
function leafProblem(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(v) ? undefined : `${String(v)} is not a JSON number`;
    case 'undefined':
      return 'undefined is not JSON';
    case 'bigint':
      return 'bigint is not JSON; encode it as a string';
    case 'function':
    case 'symbol':
      return `a ${typeof v} is not JSON`;
    case 'object':
      return undefined; // null; objects and arrays are `visit`'s
  }
}

/**
 * The reason `v` (or something inside it) is not JSON, with the keys leading to it pushed on
 * `keys`; undefined when it is JSON. Paths are joined only for a value that fails, so a valid
 * event costs no string building.
 */
function visit(v: unknown, ancestors: object[], keys: (string | number)[]): string | undefined {
  if (typeof v !== 'object') return leafProblem(v);
  if (v === null) return undefined;
  if (ancestors.includes(v)) return 'a cycle is not JSON';
  if (Array.isArray(v)) {
    ancestors.push(v);
    for (let i = 0; i < v.length; i++) {
      const reason = visit(v[i], ancestors, keys);
      if (reason !== undefined) {
        keys.push(i);
        return reason;
      }
    }
    ancestors.pop();
    return undefined;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    const name = (v.constructor as { name?: string } | undefined)?.name ?? 'object';
    return `a ${name} is not JSON${name === 'Date' ? '; use an ISO string (z.iso.datetime())' : ''}`;
  }
  ancestors.push(v);
  const record = v as Record<string, unknown>;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const child = record[key];
    // A missing optional property is how zod and JSON both say "absent".
    if (child === undefined) continue;
    const reason = visit(child, ancestors, keys);
    if (reason !== undefined) {
      keys.push(key);
      return reason;
    }
  }
  ancestors.pop();
  return undefined;
}

/**
 * Finds the first value JSON cannot carry without loss, or undefined when there is none.
 * JSON.stringify silently drops functions and turns NaN and Dates into something else,
 * so an event store that relied on it alone would change data behind the user's back.
 */
export function findNonJson(value: unknown, path: string): Problem | undefined {
  // Scalars (most metadata values, many data fields) need no bookkeeping.
  if (typeof value !== 'object' || value === null) {
    const reason = leafProblem(value);
    return reason === undefined ? undefined : { path, reason };
  }
  const keys: (string | number)[] = [];
  const reason = visit(value, [], keys);
  if (reason === undefined) return undefined;
  // Keys were pushed from the failing value outwards.
  return { path: [path, ...keys.reverse()].join('.'), reason };
}
