import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNonJson } from './json-check.js';

describe('findNonJson', () => {
  it('accepts every JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findNonJson(value, 'data')).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [{ a: () => 1 }, 'data.a', 'function'],
    [{ a: [1, 2n] }, 'data.a.1', 'bigint'],
    [{ a: { b: Number.NaN } }, 'data.a.b', 'NaN'],
    [{ a: Infinity }, 'data.a', 'Infinity'],
    [{ when: new Date(0) }, 'data.when', 'Date'],
    [{ m: new Map() }, 'data.m', 'Map'],
    [{ s: Symbol('x') }, 'data.s', 'symbol'],
    [undefined, 'data', 'undefined'],
  ])('rejects %o at %s', (value, path, reason) => {
    const found = findNonJson(value, 'data');
    expect(found?.path).toBe(path);
    expect(found?.reason).toContain(reason);
  });

  it('rejects a cycle and skips undefined properties (they are absent in JSON)', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(findNonJson(cyclic, 'data')?.reason).toContain('cycle');
    expect(findNonJson({ a: undefined, b: 1 }, 'data')).toBeUndefined();
    // The same object twice is not a cycle.
    const shared = { x: 1 };
    expect(findNonJson({ a: shared, b: shared }, 'data')).toBeUndefined();
  });
});
