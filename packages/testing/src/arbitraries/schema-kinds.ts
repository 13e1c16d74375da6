import fc from 'fast-check';
import { RecursionCut, type BuildContext } from './build-context.js';
import {
  arrayArbitrary,
  mapArbitrary,
  recordArbitrary,
  setArbitrary,
  tupleArbitrary,
} from './collection-arbitraries.js';
import { jsonLeaf, jsonValue } from './json-arbitrary.js';
import { bigintArbitrary, dateArbitrary, numberArbitrary } from './number-arbitrary.js';
import { intersectionArbitrary, objectArbitrary } from './object-arbitrary.js';
import { stringArbitrary } from './string-arbitrary.js';
import {
  checksOf,
  childOf,
  defOf,
  hasTrait,
  lazyInner,
  patternOf,
  tryEncode,
  tryParse,
  valuesOf,
  type AnySchema,
} from './zod-internals.js';

const LENGTHS = ['min_length', 'max_length', 'length_equals'];
const SIZES = ['min_size', 'max_size', 'size_equals'];
const NUMERIC = ['greater_than', 'less_than', 'multiple_of'];

/** The checks each kind's builder generates for exactly; any other check is filtered for. */
const GENERATED_CHECKS: Readonly<Record<string, ReadonlySet<string>>> = {
  string: new Set([...LENGTHS, 'string_format']),
  number: new Set([...NUMERIC, 'number_format']),
  int: new Set([...NUMERIC, 'number_format']),
  bigint: new Set([...NUMERIC, 'bigint_format']),
  date: new Set(NUMERIC),
  array: new Set(LENGTHS),
  set: new Set(SIZES),
  map: new Set(SIZES),
};

/**
 * The arbitrary of one schema: its kind's builder, then a bounded filter for refinements
 * (`.refine`, `.superRefine`, `.check`, `.trim()`…) that the builder does not generate for.
 */
export function buildKind(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<unknown> {
  const arb = buildUnchecked(schema, ctx);
  const generated = GENERATED_CHECKS[defOf(schema).type];
  const refined = checksOf(schema).some((check) => !generated?.has(check.check));
  return refined ? ctx.filtered(arb, schema) : arb;
}

function buildUnchecked(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArbitrary(schema, ctx);
    case 'number':
    case 'int':
      return numberArbitrary(schema, ctx);
    case 'bigint':
      return bigintArbitrary(schema, ctx);
    case 'date':
      return dateArbitrary(schema, ctx);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'nan':
      return fc.constant(Number.NaN);
    case 'symbol':
      return fc.string({ maxLength: 8 }).map((description) => Symbol(description));
    case 'any':
    case 'unknown':
    case 'success':
      return ctx.terminal ? jsonLeaf : jsonValue;
    case 'literal':
    case 'enum': {
      const values = valuesOf(schema) ?? [];
      return values.length > 0 ? fc.constantFrom(...values) : ctx.unsatisfiable(schema, 'it allows no value');
    }
    case 'object':
      return objectArbitrary(schema, ctx);
    case 'array':
      return arrayArbitrary(schema, ctx);
    case 'tuple':
      return tupleArbitrary(schema, ctx);
    case 'record':
      return recordArbitrary(schema, ctx);
    case 'map':
      return mapArbitrary(schema, ctx);
    case 'set':
      return setArbitrary(schema, ctx);
    case 'union':
      return unionArbitrary(schema, ctx);
    case 'intersection':
      return intersectionArbitrary(schema, ctx);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return wrapperArbitrary(schema, ctx);
    case 'lazy':
      return ctx.build(lazyInner(schema));
    case 'pipe':
      return pipeArbitrary(schema, ctx);
    case 'transform':
    case 'custom':
      // Any input may pass: propose JSON values and let the schema decide (bounded).
      return ctx.filtered(jsonValue, schema);
    case 'template_literal': {
      const pattern = patternOf(schema);
      if (!pattern) return ctx.unsupported(schema, 'the template literal has no pattern');
      return ctx.filtered(fc.stringMatching(pattern), schema);
    }
    case 'never':
      return ctx.unsupported(schema, 'z.never() has no values');
    case 'promise':
      return ctx.unsupported(schema, 'promises only parse asynchronously');
    case 'function':
      return ctx.unsupported(schema, 'functions cannot be generated');
    default:
      return ctx.unsupported(schema, `the schema kind '${def.type}' is not supported`);
  }
}

const weighted = <T>(common: fc.Arbitrary<T>, rare: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: common, weight: 3 }, { arbitrary: rare, weight: 1 });

/** optional, nullable, default, prefault, catch, readonly, nonoptional: the inner schema, and their extra value. */
function wrapperArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<unknown> {
  const kind = defOf(schema).type;
  const inner = childOf(schema, 'innerType');
  switch (kind) {
    case 'optional':
      // exactOptional: the key may be missing, but undefined is not a value.
      if (hasTrait(schema, '$ZodExactOptional')) return ctx.build(inner);
      return ctx.terminal ? fc.constant(undefined) : weighted(ctx.build(inner), fc.constant(undefined));
    case 'nullable':
      return ctx.terminal ? fc.constant(null) : weighted(ctx.build(inner), fc.constant(null));
    case 'default':
    case 'prefault': {
      // A prefault is parsed by the inner schema, so undefined is only offered when it passes.
      if (!tryParse(schema, undefined).ok) return ctx.build(inner);
      return ctx.terminal ? fc.constant(undefined) : weighted(ctx.build(inner), fc.constant(undefined));
    }
    case 'catch':
      if (!ctx.terminal) return ctx.build(inner);
      // Anything parses (the catch value replaces it), so a scalar ends the recursion.
      try {
        return ctx.build(inner);
      } catch (error) {
        if (error instanceof RecursionCut) return jsonLeaf;
        throw error;
      }
    case 'nonoptional': {
      const source = defOf(inner).type === 'optional' ? childOf(inner, 'innerType') : inner;
      return ctx.filtered(ctx.build(source), schema);
    }
    default:
      return ctx.build(inner);
  }
}

function unionArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const options = def['options'] as readonly AnySchema[];
  const arbs: fc.Arbitrary<unknown>[] = [];
  for (const option of options) {
    try {
      arbs.push(ctx.build(option));
    } catch (error) {
      // Past the recursion limit, a union keeps the options that do not recurse.
      if (!(ctx.terminal && error instanceof RecursionCut)) throw error;
    }
  }
  if (arbs.length === 0) {
    if (options.length > 0) throw new RecursionCut();
    return ctx.unsatisfiable(schema, 'a union of no options allows no value');
  }
  const arb = arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
  // z.xor: exactly one option may match, which generation cannot promise.
  const exclusive = def['inclusive'] === false && def['discriminator'] === undefined;
  return exclusive ? ctx.filtered(arb, schema) : arb;
}

const NOT_ENCODABLE = Symbol('not encodable');

/**
 * Pipes parse their input with the first schema, so values come from the input side and are
 * filtered by the whole pipe. A codec (it can encode) is generated on its output side and
 * encoded back; a preprocess (its input side is a bare transform) from its output side.
 */
function pipeArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const input = childOf(schema, 'in');
  const output = childOf(schema, 'out');
  if (typeof def['reverseTransform'] === 'function') {
    const encoded = ctx.build(output).map((value) => {
      const result = tryEncode(schema, value);
      return result ? result.value : NOT_ENCODABLE;
    });
    return ctx.filtered(encoded, schema, (value) => value !== NOT_ENCODABLE);
  }
  const source = defOf(input).type === 'transform' ? output : input;
  return ctx.filtered(ctx.build(source), schema);
}
