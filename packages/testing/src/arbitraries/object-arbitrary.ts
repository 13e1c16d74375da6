import fc from 'fast-check';
import type { BuildContext } from './build-context.js';
import { propertyKey } from './text-units.js';
import { childOf, defOf, optionalIn, type AnySchema } from './zod-internals.js';

/** Extra keys added to loose, passthrough and catchall objects (never to strict or stripping ones). */
const MAX_EXTRA_KEYS = 3;

export function objectArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<Record<string, unknown>> {
  const shape = defOf(schema)['shape'] as Readonly<Record<string, AnySchema>>;
  const keys = Object.keys(shape);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const key of keys) {
    const property = shape[key]!;
    // An optional or defaulted property may be absent; zod fills in or leaves it out.
    const optional = optionalIn(property) !== undefined;
    // Past the recursion limit, leaving optional properties out is the way back.
    if (optional && ctx.terminal) continue;
    model[key] = ctx.build(property, key);
    if (!optional) requiredKeys.push(key);
  }
  const known = fc.record(model, { requiredKeys, noNullPrototype: true });
  const catchall = defOf(schema)['catchall'] as AnySchema | undefined;
  // A strict object's catchall is never; a stripping object has none, and its extra keys would only be dropped.
  if (!catchall || defOf(catchall).type === 'never' || ctx.terminal) return known;
  const extraKey = propertyKey.filter((key) => !Object.hasOwn(shape, key));
  const extras = fc.dictionary(extraKey, ctx.build(catchall, '*'), {
    maxKeys: MAX_EXTRA_KEYS,
    noNullPrototype: true,
  });
  return fc.tuple(known, extras).map(([values, extra]) => ({ ...extra, ...values }));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * Intersections: two object sides are generated and merged; otherwise either side's values
 * are filtered by the whole intersection (bounded, so a contradiction fails clearly).
 */
export function intersectionArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<unknown> {
  const leftSchema = childOf(schema, 'left');
  const rightSchema = childOf(schema, 'right');
  const left = ctx.build(leftSchema);
  const right = ctx.build(rightSchema);
  const objects = defOf(leftSchema).type === 'object' && defOf(rightSchema).type === 'object';
  const candidates = objects
    ? fc.tuple(left, right).map(([a, b]) => (isPlainObject(a) && isPlainObject(b) ? { ...a, ...b } : a))
    : fc.oneof(left, right);
  return ctx.filtered(candidates, schema);
}
