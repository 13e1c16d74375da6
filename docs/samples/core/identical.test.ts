import { describe, expectTypeOf, it } from 'vitest';
import type { Identical } from './identical.js';

describe('Identical', () => {
  it('tells apart what toEqualTypeOf does not', () => {
    expectTypeOf<Identical<{ a?: string }, { a?: string | undefined }>>().toEqualTypeOf<false>();
    expectTypeOf<Identical<{ readonly a: 1 }, { a: 1 }>>().toEqualTypeOf<false>();
    expectTypeOf<Identical<{ a: 1 }, { a: 1 }>>().toEqualTypeOf<true>();
  });
});
