import { describe, expect, it } from 'vitest';
import { formatValue } from './format-value.js';

describe('formatValue', () => {
  it('shows what JSON would hide', () => {
    expect(
      formatValue({
        big: 12n,
        none: undefined,
        at: new Date('2026-01-02T03:04:05.000Z'),
        map: new Map([['k', 1]]),
        set: new Set([1]),
        inf: Number.POSITIVE_INFINITY,
      }),
    ).toBe(
      '{"big":"12n","none":"undefined","at":"Date(2026-01-02T03:04:05.000Z)","map":{"Map":[["k",1]]},"set":{"Set":[1]},"inf":"Infinity"}',
    );
    expect(formatValue(undefined)).toBe('"undefined"');
  });

  it('survives cycles and cuts long values', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe('{"self":"[repeated]"}');
    const long = formatValue('x'.repeat(1000));
    expect(long).toMatch(/… \(1002 characters\)$/);
    expect(long.length).toBeLessThan(450);
  });
});
