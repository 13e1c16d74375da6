import type { CaseResult } from './run-interleaved.js';
import type { TargetResult } from './targets.js';

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** 1234567.8 → "1,234,568"; small values keep some digits. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatRatio(value: number): string {
  return value >= 10 ? `${value.toFixed(1)}×` : `${value.toFixed(3)}×`;
}

/** A target's value as its kind shows it: a ratio, a measure or a rate. */
export function valueText(result: TargetResult, value: number): string {
  if (result.target.kind === 'ratio') return formatRatio(value);
  return formatNumber(value, result.target.kind === 'rate' ? 0 : 1);
}

export function goalText(result: TargetResult): string {
  const target = result.target;
  if (target.kind === 'ratio') return `≥ ${formatRatio(target.atLeast)}`;
  if (target.kind === 'rate') return `≥ ${formatNumber(target.atLeast)} events/s`;
  return `≤ ${formatNumber(target.atMost)} ${target.unit}`;
}

/**
 * The columns of a case table. Cases on CPU time show the wall rate beside it; cases on wall
 * time (a PostgreSQL server does the work) show this process's CPU rate beside it instead.
 */
export function caseColumns(cases: readonly CaseResult[]): {
  header: string[];
  cells: (c: CaseResult) => string[];
} {
  const wall = cases.length > 0 && cases.every((c) => c.basis === 'wall');
  if (cases.some((c) => c.basis !== cases[0]?.basis)) throw new Error('one table mixes CPU and wall rates');
  const rate = wall ? 'events/s wall (median)' : 'events/CPU-s (median)';
  const other = wall ? 'client events/CPU-s (median)' : 'wall events/s (median)';
  return {
    header: ['case', rate, 'p25 – p75', 'min – max', other, 'rounds'],
    cells: (c) => [
      c.name,
      formatNumber(c.summary.median),
      `${formatNumber(c.summary.p25)} – ${formatNumber(c.summary.p75)}`,
      `${formatNumber(c.summary.min)} – ${formatNumber(c.summary.max)}`,
      formatNumber(wall ? c.cpuSummary.median : c.wallSummary.median),
      String(c.summary.n),
    ],
  };
}
