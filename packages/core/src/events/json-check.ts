/**
 * Finds the first value JSON cannot carry without loss, or undefined when there is none.
 * JSON.stringify silently drops functions and turns NaN and Dates into something else,
 * so an event store that relied on it alone would change data behind the user's back.
 */
export function findNonJson(value: unknown, path: string): { path: string; reason: string } | undefined {
  const ancestors: object[] = [];
  const visit = (v: unknown, at: string): { path: string; reason: string } | undefined => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return undefined;
      case 'number':
        return Number.isFinite(v) ? undefined : { path: at, reason: `${String(v)} is not a JSON number` };
      case 'undefined':
        return { path: at, reason: 'undefined is not JSON' };
      case 'bigint':
        return { path: at, reason: 'bigint is not JSON; encode it as a string' };
      case 'function':
      case 'symbol':
        return { path: at, reason: `a ${typeof v} is not JSON` };
      case 'object':
        break;
    }
    if (v === null) return undefined;
    const obj = v;
    if (ancestors.includes(obj)) return { path: at, reason: 'a cycle is not JSON' };
    if (Array.isArray(obj)) {
      ancestors.push(obj);
      for (let i = 0; i < obj.length; i++) {
        const found = visit(obj[i], `${at}.${i}`);
        if (found) return found;
      }
      ancestors.pop();
      return undefined;
    }
    const proto: unknown = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      const name = (obj.constructor as { name?: string } | undefined)?.name ?? 'object';
      return {
        path: at,
        reason: `a ${name} is not JSON${name === 'Date' ? '; use an ISO string (z.iso.datetime())' : ''}`,
      };
    }
    ancestors.push(obj);
    const record = obj as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      // A missing optional property is how zod and JSON both say "absent".
      if (child === undefined) continue;
      const found = visit(child, `${at}.${key}`);
      if (found) return found;
    }
    ancestors.pop();
    return undefined;
  };
  return visit(value, path);
}
