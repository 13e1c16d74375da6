import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryOf } from './arbitrary-of.js';
import { randomSchema } from './fixtures/random-schemas.js';

describe('arbitraryOf over randomly built schemas', () => {
  it('every value it generates for any nested combination passes schema.parse', () => {
    fc.assert(
      fc.property(randomSchema, fc.integer(), (schema, seed) => {
        for (const value of fc.sample(arbitraryOf(schema), { numRuns: 8, seed })) {
          const result = schema.safeParse(value);
          expect(result.success, `${fc.stringify(value)}: ${JSON.stringify(result.error?.issues)}`).toBe(
            true,
          );
        }
      }),
      { numRuns: 150, seed: 1126 },
    );
  });
});
