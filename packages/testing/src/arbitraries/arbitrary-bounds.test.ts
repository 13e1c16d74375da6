import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryOf } from './arbitrary-of.js';
import { codePointLength } from './text-units.js';

const SEED = 1126;
const sample = <S extends z.ZodType>(schema: S, numRuns = 300) =>
  fc.sample(arbitraryOf(schema), { numRuns, seed: SEED });

const lengths = (texts: readonly string[]) => new Set(texts.map(codePointLength));

describe('arbitraryOf exercises the bounds of a schema', () => {
  it('strings reach both their minimum and maximum length, counted in code points as zod does', () => {
    const seen = lengths(sample(z.string().min(2).max(6)));
    expect(Math.min(...seen)).toBe(2);
    expect(Math.max(...seen)).toBe(6);
    const exact = sample(z.string().length(3));
    expect(exact.every((text) => codePointLength(text) === 3)).toBe(true);
    // Astral characters (two UTF-16 units, one code point) are generated too.
    expect(exact.some((text) => text.length > 3)).toBe(true);
  });

  it('strings with a prefix, infix and suffix still reach the length bounds', () => {
    const texts = sample(z.string().startsWith('ab').includes('-').endsWith('z').max(9));
    expect(texts.every((text) => text.startsWith('ab') && text.endsWith('z') && text.includes('-'))).toBe(
      true,
    );
    const seen = lengths(texts);
    expect([Math.min(...seen), Math.max(...seen)]).toEqual([4, 9]);
  });

  it('integers hit both ends, exclusive bounds are never hit and multiples stay multiples', () => {
    expect(new Set(sample(z.int().min(-3).max(7)))).toContain(-3);
    expect(new Set(sample(z.int().min(-3).max(7)))).toContain(7);
    expect([...new Set(sample(z.int().gt(-3).lt(3)))].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    const multiples = sample(z.number().multipleOf(5).min(-100).max(100));
    expect(multiples.every((n) => n % 5 === 0)).toBe(true);
    expect(multiples).toContain(-100);
    expect(multiples).toContain(100);
  });

  it('doubles hit inclusive ends and come close to exclusive ones without touching them', () => {
    const inclusive = sample(z.number().min(-2.5).max(7.25));
    expect(Math.min(...inclusive)).toBe(-2.5);
    expect(Math.max(...inclusive)).toBe(7.25);
    const exclusive = sample(z.number().gt(0).lt(1));
    expect(exclusive.every((n) => n > 0 && n < 1)).toBe(true);
    expect(Math.min(...exclusive)).toBeLessThan(1e-3);
    expect(Math.max(...exclusive)).toBeGreaterThan(0.999);
    expect(sample(z.number()).some((n) => Object.is(n, -0))).toBe(false);
    // fast-check puts -0 below an excluded 0; zod does not, so neither may appear.
    expect(sample(z.number().negative()).every((n) => n < 0)).toBe(true);
    expect(sample(z.number().positive()).every((n) => n > 0)).toBe(true);
  });

  it('bigints and dates hit both ends', () => {
    const bigints = sample(z.bigint().min(-5n).max(5n));
    expect(bigints).toContain(-5n);
    expect(bigints).toContain(5n);
    const from = new Date('2020-01-01T00:00:00.000Z');
    const to = new Date('2020-12-31T00:00:00.000Z');
    const times = sample(z.date().min(from).max(to)).map((date) => date.getTime());
    expect(Math.min(...times)).toBe(from.getTime());
    expect(Math.max(...times)).toBe(to.getTime());
  });

  it('arrays and sets reach both their minimum and maximum size', () => {
    const arraySizes = new Set(sample(z.array(z.int()).min(1).max(4)).map((xs) => xs.length));
    expect([...arraySizes].sort()).toEqual([1, 2, 3, 4]);
    const setSizes = new Set(sample(z.set(z.string()).min(1).max(3)).map((set) => set.size));
    expect([...setSizes].sort()).toEqual([1, 2, 3]);
    const restLengths = new Set(sample(z.tuple([z.string()], z.number())).map((xs) => xs.length));
    expect(restLengths.has(1) && Math.max(...restLengths) > 3).toBe(true);
  });

  it('wrappers produce both their own value and the inner one', () => {
    const optional = sample(z.string().optional(), 100);
    expect(optional).toContain(undefined);
    expect(optional.some((value) => typeof value === 'string')).toBe(true);
    expect(sample(z.number().nullable(), 100)).toContain(null);
    expect(sample(z.string().default('x'), 100)).toContain(undefined);
    const keys = sample(z.object({ a: z.string().optional(), b: z.number() }), 100).map((o) => 'a' in o);
    expect(new Set(keys)).toEqual(new Set([true, false]));
  });

  it('unions, enums and literals produce every option', () => {
    expect(new Set(sample(z.union([z.string(), z.number(), z.null()]), 100).map((v) => typeof v))).toEqual(
      new Set(['string', 'number', 'object']),
    );
    const shapes = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('circle'), r: z.number() }),
      z.object({ kind: z.literal('square'), side: z.number() }),
    ]);
    expect(new Set(sample(shapes, 100).map((shape) => shape.kind))).toEqual(new Set(['circle', 'square']));
    enum Colour {
      Red,
      Blue = 'blue',
    }
    // The reverse mapping of a numeric enum ('0' -> 'Red') is not a value.
    expect(new Set(sample(z.nativeEnum(Colour), 100))).toEqual(new Set([Colour.Red, Colour.Blue]));
    expect(new Set(sample(z.literal(['a', 1, null]), 100))).toEqual(new Set(['a', 1, null]));
  });

  it('records with enum keys have every key unless partial', () => {
    expect(sample(z.record(z.enum(['a', 'b']), z.int()), 100).every((r) => 'a' in r && 'b' in r)).toBe(true);
    const partial = sample(z.partialRecord(z.enum(['a', 'b']), z.int()), 100);
    expect(partial.some((r) => !('a' in r))).toBe(true);
  });

  it('adds unknown keys to loose and catchall objects only', () => {
    const extraKeys = (values: readonly object[]) =>
      values.some((value) => Object.keys(value).some((key) => key !== 'id'));
    expect(extraKeys(sample(z.looseObject({ id: z.string() }), 100))).toBe(true);
    const catchall = sample(z.object({ id: z.string() }).catchall(z.int()), 100);
    expect(extraKeys(catchall)).toBe(true);
    expect(
      catchall.every((o) => Object.entries(o).every(([key, v]) => key === 'id' || Number.isInteger(v))),
    ).toBe(true);
    expect(extraKeys(sample(z.strictObject({ id: z.string() }), 100))).toBe(false);
    expect(extraKeys(sample(z.object({ id: z.string() }), 100))).toBe(false);
  });

  it('bounds recursion by maxDepth and still recurses', () => {
    interface Tree {
      children: Tree[];
    }
    const Tree: z.ZodType<Tree, Tree> = z.lazy(() => z.object({ children: z.array(Tree) }));
    const depth = (tree: Tree): number => 1 + Math.max(0, ...tree.children.map(depth));
    const deep = fc.sample(arbitraryOf(Tree), { numRuns: 200, seed: SEED }).map(depth);
    expect(Math.max(...deep)).toBe(5); // the root, 3 recursive levels, then only empty arrays
    const shallow = fc.sample(arbitraryOf(Tree, { maxDepth: 1 }), { numRuns: 200, seed: SEED }).map(depth);
    expect(Math.max(...shallow)).toBe(3);
  });
});
