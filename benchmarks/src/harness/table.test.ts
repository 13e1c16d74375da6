import { describe, expect, it } from 'vitest';
import { formatNumber, formatRatio, formatTable } from './table.js';

describe('formatTable', () => {
  it('pads columns to their widest cell, the first to the left and the rest to the right', () => {
    const text = formatTable(
      ['case', 'rate'],
      [
        ['a', '1'],
        ['longer', '12,345'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'case      rate',
      '------  ------',
      'a            1',
      'longer  12,345',
    ]);
  });
});

describe('formatNumber and formatRatio', () => {
  it('groups thousands and keeps the asked digits', () => {
    expect(formatNumber(1234567.8)).toBe('1,234,568');
    expect(formatNumber(0.25, 2)).toBe('0.25');
    expect(formatRatio(0.8123)).toBe('0.812×');
    expect(formatRatio(12.34)).toBe('12.3×');
  });
});
