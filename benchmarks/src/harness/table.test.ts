import { describe, expect, it } from 'vitest';
import type { CaseResult } from './run-interleaved.js';
import { summarize } from './stats.js';
import { caseColumns, formatNumber, formatRatio, formatTable } from './table.js';

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

describe('caseColumns', () => {
  const caseOn = (basis: 'cpu' | 'wall'): CaseResult => ({
    name: basis,
    description: basis,
    unit: 'events/s',
    basis,
    samples: [],
    summary: summarize([100]),
    cpuSummary: summarize([7]),
    wallSummary: summarize([9]),
  });

  it('shows the other clock beside the rate: wall beside CPU, the client CPU beside wall', () => {
    const cpu = caseColumns([caseOn('cpu')]);
    expect(cpu.header[1]).toBe('events/CPU-s (median)');
    expect(cpu.cells(caseOn('cpu'))[4]).toBe('9');
    const wall = caseColumns([caseOn('wall')]);
    expect(wall.header[4]).toBe('client events/CPU-s (median)');
    expect(wall.cells(caseOn('wall'))[4]).toBe('7');
  });

  it('refuses one table of rates on different clocks', () => {
    expect(() => caseColumns([caseOn('cpu'), caseOn('wall')])).toThrow(/mixes/);
  });
});
