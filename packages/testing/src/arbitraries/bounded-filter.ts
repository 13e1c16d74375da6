import fc from 'fast-check';

/**
 * Like `arb.filter(accept)`, but gives up after `maxTries` rejected candidates for one value
 * and calls `giveUp` (which throws), where fast-check's own filter would loop forever on a
 * predicate that (almost) nothing passes.
 */
class BoundedFilterArbitrary<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly source: fc.Arbitrary<T>,
    private readonly accept: (value: T) => boolean,
    private readonly maxTries: number,
    private readonly giveUp: (lastRejected: T) => never,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    let last: fc.Value<T> | undefined;
    for (let attempt = 0; attempt < this.maxTries; attempt++) {
      const candidate = this.source.generate(mrng, biasFactor);
      if (this.accept(candidate.value)) return candidate;
      last = candidate;
    }
    // maxTries >= 1, so there was a last rejected candidate.
    return this.giveUp(last!.value);
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.source.canShrinkWithoutContext(value) && this.accept(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.source.shrink(value, context).filter((shrunk) => this.accept(shrunk.value));
  }
}

export function boundedFilter<T>(
  source: fc.Arbitrary<T>,
  accept: (value: T) => boolean,
  maxTries: number,
  giveUp: (lastRejected: T) => never,
): fc.Arbitrary<T> {
  return new BoundedFilterArbitrary(source, accept, Math.max(1, maxTries), giveUp);
}
