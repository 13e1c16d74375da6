import fc from 'fast-check';
import { lengthConstraints, sizeBounds, sized, type BuildContext } from './build-context.js';
import { checksOf, childOf, defOf, valuesOf, type AnySchema } from './zod-internals.js';

const LENGTH_CHECKS = { min: 'min_length', max: 'max_length', exact: 'length_equals' } as const;
const SIZE_CHECKS = { min: 'min_size', max: 'max_size', exact: 'size_equals' } as const;

function boundsOf(schema: AnySchema, ctx: BuildContext, names: typeof LENGTH_CHECKS | typeof SIZE_CHECKS) {
  const { min, max } = sizeBounds(checksOf(schema), names);
  if (max !== undefined && min > max)
    ctx.unsatisfiable(schema, `the minimum size ${min} exceeds the maximum ${max}`);
  return { min, max };
}

export function arrayArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<unknown[]> {
  const { min, max } = boundsOf(schema, ctx, LENGTH_CHECKS);
  // An empty array is a way out of recursion: build no element at all.
  if (ctx.terminal && min === 0) return fc.constant([]);
  const element = ctx.build(childOf(schema, 'element'), '*');
  return sized((from, to, size) => fc.array(element, lengthConstraints(from, to, size)), min, max, ctx);
}

export function tupleArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<unknown[]> {
  const items = (defOf(schema)['items'] as readonly AnySchema[]).map((item, index) => ctx.build(item, index));
  const restSchema = defOf(schema)['rest'] as AnySchema | null | undefined;
  const fixed = fc.tuple(...items);
  if (!restSchema || ctx.terminal) return fixed;
  const rest = ctx.build(restSchema, '*');
  return fc
    .tuple(
      fixed,
      sized((from, to, size) => fc.array(rest, lengthConstraints(from, to, size)), 0, undefined, ctx),
    )
    .map(([head, tail]) => [...head, ...tail]);
}

export function setArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<Set<unknown>> {
  const { min, max } = boundsOf(schema, ctx, SIZE_CHECKS);
  if (ctx.terminal && min === 0) return fc.constant(null).map(() => new Set());
  const element = ctx.build(childOf(schema, 'valueType'), '*');
  return sized(
    (from, to, size) =>
      fc.uniqueArray(element, { ...lengthConstraints(from, to, size), comparator: 'SameValueZero' }),
    min,
    max,
    ctx,
  ).map((elements) => new Set(elements));
}

export function mapArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<Map<unknown, unknown>> {
  const { min, max } = boundsOf(schema, ctx, SIZE_CHECKS);
  if (ctx.terminal && min === 0) return fc.constant(null).map(() => new Map());
  const entry = fc.tuple(
    ctx.build(childOf(schema, 'keyType'), '<key>'),
    ctx.build(childOf(schema, 'valueType'), '*'),
  );
  return sized(
    (from, to, size) =>
      fc.uniqueArray(entry, {
        ...lengthConstraints(from, to, size),
        selector: ([key]) => key,
        comparator: 'SameValueZero',
      }),
    min,
    max,
    ctx,
  ).map((entries) => new Map(entries));
}

/**
 * Records: a key schema with a finite set of values (an enum, literals) makes every key
 * required unless the record is partial; any other key schema gives a dictionary.
 */
export function recordArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<Record<string, unknown>> {
  const keySchema = childOf(schema, 'keyType');
  const valueSchema = childOf(schema, 'valueType');
  const partial = defOf(schema)['partial'] === true;
  const finiteKeys = valuesOf(keySchema);
  if (finiteKeys && finiteKeys.every((key) => typeof key === 'string' || typeof key === 'number')) {
    const keys = finiteKeys.map(String);
    if (ctx.terminal && (partial || keys.length === 0)) return fc.constant(null).map(() => ({}));
    const value = ctx.build(valueSchema, '*');
    const model = Object.fromEntries(keys.map((key) => [key, value]));
    const arb = fc.record(model, { requiredKeys: partial ? [] : keys, noNullPrototype: true });
    return finiteKeys.every((key) => typeof key === 'string') ? arb : ctx.filtered(arb, schema);
  }
  if (ctx.terminal) return fc.constant(null).map(() => ({}));
  const stringKeys = defOf(keySchema).type === 'string';
  // Non-string key schemas (numbers, template literals) are generated, stringified and filtered.
  const key = ctx
    .build(keySchema, '<key>')
    .map(String)
    .filter((k) => k !== '__proto__');
  const value = ctx.build(valueSchema, '*');
  const arb = sized(
    (from, to, size) =>
      fc.dictionary(key, value, {
        minKeys: from,
        ...(to === undefined ? {} : { maxKeys: to }),
        ...(size === undefined ? {} : { size }),
        noNullPrototype: true,
      }),
    0,
    undefined,
    ctx,
  );
  return stringKeys ? arb : ctx.filtered(arb, schema);
}
