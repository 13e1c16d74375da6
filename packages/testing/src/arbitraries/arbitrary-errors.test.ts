import { StrataError } from '@strata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryOf } from './arbitrary-of.js';
import { UnsatisfiableSchemaError } from './unsatisfiable-schema-error.js';
import { UnsupportedSchemaError } from './unsupported-schema-error.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, nothing was thrown');
}

describe('arbitraryOf errors', () => {
  it.each([
    ['promise', z.promise(z.string())],
    ['never', z.never()],
    ['function', z.function()],
    ['file', z.file()],
  ] as const)(
    'an unsupported %s schema throws UnsupportedSchemaError naming its path and kind',
    (kind, inner) => {
      const schema = z.object({ order: z.object({ lines: z.array(z.object({ bad: inner })) }) });
      const error = thrown(() => arbitraryOf(schema));
      expect(error).toBeInstanceOf(UnsupportedSchemaError);
      expect(error).toBeInstanceOf(StrataError);
      expect(error).toMatchObject({
        code: 'ARBITRARY_UNSUPPORTED_SCHEMA',
        path: ['order', 'lines', '*', 'bad'],
        kind,
      });
      expect((error as Error).message).toContain(`${kind} schema at order.lines.*.bad`);
    },
  );

  it('an unsatisfiable refinement throws UnsatisfiableSchemaError after the bounded tries, with the path', () => {
    const schema = z.object({
      tags: z.tuple([z.string(), z.string().refine((s) => s === 'never generated 🦄')]),
    });
    const arb = arbitraryOf(schema, { maxFilterTries: 25 });
    const error = thrown(() =>
      fc.assert(
        fc.property(arb, () => true),
        { numRuns: 5, seed: 1 },
      ),
    );
    expect(error).toBeInstanceOf(UnsatisfiableSchemaError);
    expect(error).toMatchObject({
      code: 'ARBITRARY_UNSATISFIABLE',
      path: ['tags', 1],
      kind: 'string',
      tries: 25,
    });
    expect((error as Error).message).toMatch(
      /string schema at tags\.1 in 25 tries: the last candidate failed with "Invalid input"/,
    );
  });

  it('tries exactly maxFilterTries candidates for one value', () => {
    let calls = 0;
    const schema = z.int().refine(() => {
      calls++;
      return false;
    });
    expect(() => fc.sample(arbitraryOf(schema, { maxFilterTries: 10 }), { numRuns: 1, seed: 1 })).toThrow(
      UnsatisfiableSchemaError,
    );
    // Ten candidates, then one more parse of the last to say why it failed.
    expect(calls).toBe(11);
  });

  it.each([
    ['number', z.number().gt(5).lt(5), /no value lies in \(5, 5\)/],
    ['number', z.int().gt(1).lt(2), /no integer lies in \(1, 2\)/],
    ['number', z.number().multipleOf(10).min(1).max(9), /no multiple of 10 lies in \[1, 9\]/],
    ['bigint', z.bigint().gt(1n).lt(2n), /no integer lies in \(1, 2\)/],
    ['string', z.string().min(5).max(2), /minimum length 5 exceeds the maximum 2/],
    ['string', z.string().startsWith('abcdef').max(3), /required parts take 6 characters/],
    ['array', z.array(z.int()).min(3).max(1), /minimum size 3 exceeds the maximum 1/],
    ['date', z.date().min(new Date(10)).max(new Date(0)), /no date lies between/],
  ] as const)('empty %s bounds throw when the arbitrary is built', (kind, inner, reason) => {
    const error = thrown(() => arbitraryOf(z.object({ field: inner })));
    expect(error).toBeInstanceOf(UnsatisfiableSchemaError);
    expect(error).toMatchObject({ path: ['field'], kind, tries: 0 });
    expect((error as Error).message).toMatch(reason);
  });

  it('a recursion with no way out is reported instead of looping', () => {
    interface Endless {
      next: Endless;
    }
    const Endless: z.ZodType<Endless> = z.lazy(() => z.object({ next: Endless }));
    const error = thrown(() => arbitraryOf(z.object({ chain: Endless })));
    expect(error).toBeInstanceOf(UnsupportedSchemaError);
    expect((error as UnsupportedSchemaError).reason).toMatch(/recursion has no way out/);
    expect((error as UnsupportedSchemaError).path.slice(0, 2)).toEqual(['chain', 'next']);
  });

  it('overrides supply values for schemas it cannot generate for', () => {
    const link = z.instanceof(URL);
    const schema = z.object({ link });
    expect(() => fc.sample(arbitraryOf(schema), { numRuns: 1, seed: 1 })).toThrow(UnsatisfiableSchemaError);
    const overrides = new Map([[link, fc.nat().map((n) => new URL(`https://example.com/${n}`))]]);
    const values = fc.sample(arbitraryOf(schema, { overrides }), { numRuns: 20, seed: 1 });
    expect(values.every((value) => schema.safeParse(value).success)).toBe(true);
  });

  it('still shrinks through a refinement filter, also from a forced end of the range', () => {
    const refined = z
      .int()
      .min(0)
      .max(1000)
      .refine((n) => n !== 13);
    const result = fc.check(
      fc.property(arbitraryOf(refined), (n) => n <= 50),
      { seed: 3, numRuns: 200 },
    );
    expect(result.failed).toBe(true);
    expect(result.counterexample).toEqual([51]);
  });

  it('generates the same values for the same seed, and others for another seed', () => {
    const schema = z.object({
      id: z.uuid(),
      at: z.iso.datetime(),
      lines: z.array(z.object({ sku: z.string().regex(/^[A-Z]{3}\d{3}$/), qty: z.int().positive() })).max(4),
      note: z
        .string()
        .refine((s) => !s.includes('x'))
        .optional(),
      amount: z.bigint().nonnegative(),
    });
    const run = (seed: number) => fc.sample(arbitraryOf(schema), { numRuns: 30, seed });
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });
});
