import fc from 'fast-check';
import type { PathSegment } from './schema-path.js';
import type { AnySchema, CheckDef } from './zod-internals.js';

/** What one `arbitraryOf` call passes down to the builder of each schema kind. */
export interface BuildContext {
  readonly path: readonly PathSegment[];
  /** Recursive references followed so far on this branch (z.lazy or getter recursion). */
  readonly depth: number;
  /**
   * Past `maxDepth`: every choice takes its shortest way out (undefined, null, an empty
   * collection, a union option that does not recurse), so recursive values stay finite.
   */
  readonly terminal: boolean;
  /** The arbitrary of a child schema; `segment` extends the path for error messages. */
  build(schema: AnySchema, segment?: PathSegment): fc.Arbitrary<unknown>;
  /**
   * Keeps only values that `schema` parses (and that `precheck` accepts), trying a bounded
   * number of candidates per value before throwing `UnsatisfiableSchemaError`.
   */
  filtered<T>(arb: fc.Arbitrary<T>, schema: AnySchema, precheck?: (value: T) => boolean): fc.Arbitrary<T>;
  /** Throws `UnsatisfiableSchemaError` for bounds that leave nothing to generate. */
  unsatisfiable(schema: AnySchema, reason: string): never;
  /** Throws `UnsupportedSchemaError`. */
  unsupported(schema: AnySchema, reason: string): never;
}

/** A builder for one schema kind. */
export type KindBuilder = (schema: AnySchema, ctx: BuildContext) => fc.Arbitrary<unknown>;

/**
 * Thrown while building in terminal mode when a branch would recurse again; a union
 * catches it and takes another option. Never escapes `arbitraryOf`.
 */
export class RecursionCut extends Error {}

/** Reads length or size bounds from checks; `max` is undefined when unbounded. */
export function sizeBounds(
  checks: readonly CheckDef[],
  names: { readonly min: string; readonly max: string; readonly exact: string },
): { min: number; max: number | undefined } {
  let min = 0;
  let max: number | undefined;
  for (const check of checks) {
    if (check.check === names.min) min = Math.max(min, check['minimum'] as number);
    else if (check.check === names.max) max = Math.min(max ?? Infinity, check['maximum'] as number);
    else if (check.check === names.exact) {
      const length = check['length'] as number;
      min = Math.max(min, length);
      max = Math.min(max ?? Infinity, length);
    }
  }
  return { min, max };
}

/** Elements a collection may have beyond its minimum inside recursion, where each may fan out again. */
const RECURSIVE_SPAN = 3;
/** Ranges of sizes up to this wide are drawn evenly, so both ends come up in any run. */
const EVEN_SPAN = 64;
/** Exact maximum sizes above this are not forced (a 1 MB string per sample is no test). */
const LARGEST_FORCED = 1000;

/**
 * Sizes between `min` and `max` that reach both ends: fast-check's default sizes stay near
 * the minimum, so a bound like `.max(40)` would otherwise never be exercised. Values keep
 * fast-check's shrinking toward the minimum size, except the rare forced maximum of a wide range.
 */
export function sized<T>(
  make: (minSize: number, maxSize: number | undefined, size?: fc.SizeForArbitrary) => fc.Arbitrary<T>,
  min: number,
  max: number | undefined,
  ctx: BuildContext,
): fc.Arbitrary<T> {
  if (ctx.terminal || min === max) return make(min, min);
  if (ctx.depth > 0) return make(min, Math.min(max ?? Infinity, min + RECURSIVE_SPAN));
  if (max === undefined) return make(min, undefined);
  if (max - min <= EVEN_SPAN) return make(min, max, 'max');
  if (max - min > LARGEST_FORCED) return make(min, max);
  return fc.oneof({ arbitrary: make(min, max), weight: 9 }, { arbitrary: make(max, max), weight: 1 });
}

/** fast-check's length constraints, leaving out what is unbounded. */
export function lengthConstraints(
  minLength: number,
  maxLength: number | undefined,
  size: fc.SizeForArbitrary | undefined,
): { minLength: number; maxLength?: number; size?: fc.SizeForArbitrary } {
  return {
    minLength,
    ...(maxLength === undefined ? {} : { maxLength }),
    ...(size === undefined ? {} : { size }),
  };
}
