import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PointsEarned } from '../../../core/src/fixtures/loyalty-account.js';
import { arbitraryOf } from './arbitrary-of.js';
import { catalogue } from './fixtures/schema-catalogue.js';

/** Parses and, on failure, says which value and which issues, so a failing run reads well. */
function assertParses(schema: z.ZodType, value: unknown): void {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(`rejected ${fc.stringify(value)}: ${JSON.stringify(result.error.issues)}`);
  }
}

describe('arbitraryOf: every generated value passes schema.parse', () => {
  it.each(catalogue)('%s', (_name, schema) => {
    fc.assert(
      fc.property(arbitraryOf(schema), (value) => assertParses(schema, value)),
      { numRuns: 40, seed: 20261126 },
    );
  });

  it('holds for the loyalty fixture PointsEarned.schema, across seeds', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        for (const data of fc.sample(arbitraryOf(PointsEarned.schema), { numRuns: 5, seed })) {
          expect(PointsEarned.schema.parse(data)).toEqual(data);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('types values as the schema input', () => {
    const schema = z.object({ n: z.number().default(1), s: z.string().transform((s) => s.length) });
    const arb: fc.Arbitrary<{ n?: number | undefined; s: string }> = arbitraryOf(schema);
    expect(fc.sample(arb, { numRuns: 5, seed: 1 }).every((v) => typeof v.s === 'string')).toBe(true);
  });
});
