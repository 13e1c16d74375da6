import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile, summarize } from './stats.js';

describe('summarize', () => {
  it('gives the median of an odd and an even count', () => {
    expect(summarize([5, 1, 3]).median).toBe(3);
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('interpolates quartiles between neighbours', () => {
    const s = summarize([10, 20, 30, 40, 50]);
    expect([s.min, s.p25, s.median, s.p75, s.max]).toEqual([10, 20, 30, 40, 50]);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
  });

  it('keeps min ≤ p25 ≤ median ≤ p75 ≤ max within the values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1 }), (values) => {
        const s = summarize(values);
        expect(s.n).toBe(values.length);
        expect(s.min).toBe(Math.min(...values));
        expect(s.max).toBe(Math.max(...values));
        expect(s.min <= s.p25 && s.p25 <= s.median && s.median <= s.p75 && s.p75 <= s.max).toBe(true);
      }),
    );
  });

  it('rejects an empty list and a quantile outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});
