import fc from 'fast-check';

/** About one value in this many is an end of the range. */
const ONE_IN = 10;

/**
 * Makes `source` produce the given ends of its range now and then. fast-check's own bias
 * reaches the lower end of wide ranges but seldom the upper one. The ends are produced
 * without context and shrink through `source`'s contextless shrinker, so a failure found
 * at an end still shrinks toward the small values (which a `oneof` branch would not).
 */
class EndsBiasedArbitrary<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly source: fc.Arbitrary<T>,
    private readonly ends: readonly T[],
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    if (mrng.nextInt(1, ONE_IN) === 1)
      return new fc.Value(this.ends[mrng.nextInt(0, this.ends.length - 1)]!, undefined);
    return this.source.generate(mrng, biasFactor);
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.source.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.source.shrink(value, context);
  }
}

/** `source` with its range's `ends` produced often enough that every run meets them. */
export function endsBiased<T>(source: fc.Arbitrary<T>, ends: readonly T[]): fc.Arbitrary<T> {
  return ends.length === 0 ? source : new EndsBiasedArbitrary(source, ends);
}
