import { describe, expect, it } from 'vitest';
import type { CaseResult } from './run-interleaved.js';
import { summarize } from './stats.js';
import {
  checkFailures,
  evaluateTargets,
  pairedRatios,
  type Measure,
  type RatioTarget,
  type Target,
} from './targets.js';
import type { RateBasis, Sample } from './timed-case.js';

function caseOf(
  name: string,
  rates: readonly number[],
  warmupRates: readonly number[] = [],
  basis: RateBasis = 'cpu',
): CaseResult {
  // The other clock reads a tenth of the rate, so a test sees which clock was used.
  const sample = (round: number, warmup: boolean, rate: number): Sample => ({
    round,
    warmup,
    events: rate,
    cpuMs: 1000,
    wallMs: 1000,
    eventsPerSecond: basis === 'cpu' ? rate : rate / 10,
    wallEventsPerSecond: basis === 'wall' ? rate : rate / 10,
  });
  const samples = [
    ...warmupRates.map((r, i) => sample(i, true, r)),
    ...rates.map((r, i) => sample(warmupRates.length + i, false, r)),
  ];
  return {
    name,
    description: name,
    unit: 'events/s',
    basis,
    samples,
    summary: summarize(rates),
    cpuSummary: summarize(rates),
    wallSummary: summarize(rates),
  };
}

const ratio = (atLeast: number): RatioTarget => ({
  kind: 'ratio',
  name: 'a vs b',
  numerator: 'a',
  denominator: 'b',
  atLeast,
  source: 'test',
});

describe('pairedRatios', () => {
  it('divides round by round and leaves warm-ups out', () => {
    const a = caseOf('a', [10, 30], [1]);
    const b = caseOf('b', [20, 30], [1000]);
    expect(pairedRatios(a, b)).toEqual([0.5, 1]);
  });

  it('divides on the clock of the cases, and refuses cases on different clocks', () => {
    const a = caseOf('a', [10, 30], [], 'wall');
    const b = caseOf('b', [20, 30], [], 'wall');
    expect(pairedRatios(a, b)).toEqual([0.5, 1]);
    expect(() => pairedRatios(a, caseOf('c', [20, 30]))).toThrow(/different clocks/);
  });
});

describe('evaluateTargets', () => {
  const cases = [caseOf('a', [8, 9, 10]), caseOf('b', [10, 10, 10])];

  it('passes a ratio at or above its target and fails one below, by the median ratio', () => {
    const [pass, fail] = evaluateTargets([ratio(0.9), ratio(0.95)], cases, []);
    expect(pass).toMatchObject({ value: 0.9, verdict: 'PASS', gross: false });
    expect(pass!.spread.min).toBe(0.8);
    expect(fail).toMatchObject({ verdict: 'FAIL', gross: false });
  });

  it('marks a miss by more than half as gross', () => {
    const [result] = evaluateTargets([ratio(2)], cases, []);
    expect(result).toMatchObject({ verdict: 'FAIL', gross: true });
  });

  it('holds a limit to its median and calls twice the limit gross', () => {
    const heap: Measure = {
      name: 'heap',
      unit: 'bytes/event',
      samples: [250, 700, 260],
      summary: summarize([250, 700, 260]),
    };
    const limit = (atMost: number): Target => ({
      kind: 'limit',
      name: 'heap',
      measure: 'heap',
      unit: 'bytes',
      atMost,
      source: 'test',
    });
    const [pass, fail, gross] = evaluateTargets([limit(300), limit(255), limit(100)], [], [heap]);
    expect(pass).toMatchObject({ value: 260, verdict: 'PASS' });
    expect(fail).toMatchObject({ verdict: 'FAIL', gross: false });
    expect(gross).toMatchObject({ verdict: 'FAIL', gross: true });
  });

  it('holds a rate target to the median rate of its case and calls less than half gross', () => {
    const rate = (atLeast: number): Target => ({
      kind: 'rate',
      name: 'a fast',
      case: 'a',
      atLeast,
      source: 'test',
    });
    const [pass, fail, gross] = evaluateTargets([rate(9), rate(9.5), rate(19)], cases, []);
    expect(pass).toMatchObject({ value: 9, verdict: 'PASS', gross: false });
    expect(fail).toMatchObject({ verdict: 'FAIL', gross: false });
    expect(gross).toMatchObject({ verdict: 'FAIL', gross: true });
  });

  it('refuses a target that names a case that did not run', () => {
    expect(() => evaluateTargets([{ ...ratio(1), numerator: 'missing' }], cases, [])).toThrow(/missing/);
  });
});

describe('checkFailures', () => {
  it('fails only gross misses of checked targets: a reported-only target never fails the check', () => {
    const cases = [caseOf('a', [1, 1, 1]), caseOf('b', [10, 10, 10])];
    const [checked, reported, met] = evaluateTargets(
      [
        { ...ratio(0.5), name: 'checked' },
        { ...ratio(0.5), name: 'reported', check: false },
        { ...ratio(0.05), name: 'met' },
      ],
      cases,
      [],
    );
    expect(checked!.gross).toBe(true);
    expect(reported!.gross).toBe(true);
    expect(met!.gross).toBe(false);
    expect(checkFailures([checked!, reported!, met!]).map((t) => t.target.name)).toEqual(['checked']);
  });

  it('does not fail a miss by less than half (noise, or a small regression)', () => {
    const cases = [caseOf('a', [6, 6]), caseOf('b', [10, 10])];
    const results = evaluateTargets([ratio(1)], cases, []);
    expect(results[0]!.verdict).toBe('FAIL');
    expect(checkFailures(results)).toEqual([]);
  });
});
