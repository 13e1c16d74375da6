import type fc from 'fast-check';
import type { z } from 'zod';
import { boundedFilter } from './bounded-filter.js';
import { RecursionCut, type BuildContext } from './build-context.js';
import { buildKind } from './schema-kinds.js';
import type { PathSegment } from './schema-path.js';
import { UnsatisfiableSchemaError } from './unsatisfiable-schema-error.js';
import { UnsupportedSchemaError } from './unsupported-schema-error.js';
import { kindOf, tryParse, type AnySchema } from './zod-internals.js';

export interface ArbitraryOfOptions {
  /**
   * How many times a recursive schema (`z.lazy` or a getter) may recur on one branch before
   * generation takes only its ways out: an absent optional, null, an empty array, a union
   * option that does not recurse. Default 3.
   */
  readonly maxDepth?: number;
  /**
   * Candidates a refinement filter tries for one value before it throws
   * `UnsatisfiableSchemaError`. Default 100.
   */
  readonly maxFilterTries?: number;
  /**
   * Your own arbitraries for given schemas (a `z.custom`, a `z.instanceof`, a refinement too
   * narrow to filter for). They are used as they are, not checked against the schema.
   */
  readonly overrides?: ReadonlyMap<z.core.$ZodType, fc.Arbitrary<unknown>>;
}

const DEFAULT_MAX_DEPTH = 3;
const DEFAULT_MAX_FILTER_TRIES = 100;

/** The schemas on the branch being built, innermost first, to recognise recursion. */
interface Ancestors {
  readonly schema: AnySchema;
  readonly parent: Ancestors | undefined;
}

function isAncestor(chain: Ancestors | undefined, schema: AnySchema): boolean {
  for (let link = chain; link; link = link.parent) if (link.schema === schema) return true;
  return false;
}

/**
 * A fast-check arbitrary of values that pass `schema.parse` (the schema's input type), for
 * zod 4 schemas. Bounds are generated for exactly and their ends are exercised; refinements
 * are filtered for, a bounded number of tries at a time. Unsupported kinds and unsatisfiable
 * schemas throw `UnsupportedSchemaError` / `UnsatisfiableSchemaError` naming the zod path.
 */
export function arbitraryOf<S extends z.core.$ZodType>(
  schema: S,
  options: ArbitraryOfOptions = {},
): fc.Arbitrary<z.input<S>> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxTries = options.maxFilterTries ?? DEFAULT_MAX_FILTER_TRIES;
  // Arbitraries of recursive schemas, by schema and depth, so each level is built once.
  const recursive = new Map<AnySchema, Map<number, fc.Arbitrary<unknown>>>();

  const contextFor = (
    path: readonly PathSegment[],
    depth: number,
    terminal: boolean,
    ancestors: Ancestors,
  ): BuildContext => ({
    path,
    depth,
    terminal,
    build: (child, segment) =>
      build(child, segment === undefined ? path : [...path, segment], depth, terminal, ancestors),
    filtered: (arb, target, precheck) =>
      boundedFilter(
        arb,
        (value) => (precheck ? precheck(value) : true) && tryParse(target, value).ok,
        maxTries,
        (last) => {
          const outcome = tryParse(target, last);
          const problem = outcome.ok ? 'it could not be produced' : outcome.problem;
          throw new UnsatisfiableSchemaError(
            path,
            kindOf(target),
            maxTries,
            `the last candidate failed with "${problem}"`,
          );
        },
      ),
    unsatisfiable: (target, reason) => {
      throw new UnsatisfiableSchemaError(path, kindOf(target), 0, reason);
    },
    unsupported: (target, reason) => {
      throw new UnsupportedSchemaError(path, kindOf(target), reason);
    },
  });

  function build(
    target: AnySchema,
    path: readonly PathSegment[],
    depth: number,
    terminal: boolean,
    ancestors: Ancestors | undefined,
  ): fc.Arbitrary<unknown> {
    const override = options.overrides?.get(target);
    if (override) return override;
    const chain: Ancestors = { schema: target, parent: ancestors };
    if (!isAncestor(ancestors, target)) return buildKind(target, contextFor(path, depth, terminal, chain));
    // A recursive reference: one level deeper, and past maxDepth only the ways out.
    if (terminal) throw new RecursionCut();
    const next = depth + 1;
    const known = recursive.get(target)?.get(next);
    if (known) return known;
    const past = next > maxDepth;
    let arb: fc.Arbitrary<unknown>;
    try {
      // The branch starts afresh here, so each turn of a cycle counts once, however many schemas it passes.
      arb = buildKind(target, contextFor(path, next, past, { schema: target, parent: undefined }));
    } catch (error) {
      if (past && error instanceof RecursionCut) {
        throw new UnsupportedSchemaError(
          path,
          kindOf(target),
          'the recursion has no way out (every branch recurses again: add an optional, nullable, ' +
            'array or non-recursive union option)',
        );
      }
      throw error;
    }
    const levels = recursive.get(target) ?? new Map<number, fc.Arbitrary<unknown>>();
    levels.set(next, arb);
    recursive.set(target, levels);
    return arb;
  }

  return build(schema, [], 0, false, undefined) as fc.Arbitrary<z.input<S>>;
}
