import type { CaseResult } from './run-interleaved.js';
import { summarize, type Summary } from './stats.js';
import { rateOf } from './timed-case.js';

/** `numerator` must run at least `atLeast` times `denominator`'s rate (both events/s). */
export interface RatioTarget {
  readonly kind: 'ratio';
  readonly name: string;
  readonly numerator: string;
  readonly denominator: string;
  readonly atLeast: number;
  /** Where the target comes from (an issue), or that it is only reported. */
  readonly source: string;
  /** `false`: reported with its verdict, but never fails `--check` (see `checkFailures`). */
  readonly check?: boolean;
}

/** A measured quantity (lower is better) must stay at most `atMost`. */
export interface LimitTarget {
  readonly kind: 'limit';
  readonly name: string;
  readonly measure: string;
  readonly unit: string;
  readonly atMost: number;
  readonly source: string;
  readonly check?: boolean;
}

/** A case's median rate (events/s on its own clock) must reach `atLeast`: an absolute floor. */
export interface RateTarget {
  readonly kind: 'rate';
  readonly name: string;
  readonly case: string;
  readonly atLeast: number;
  readonly source: string;
  readonly check?: boolean;
}

export type Target = RatioTarget | LimitTarget | RateTarget;

/** PASS meets the target; FAIL misses it; a gross miss is off by more than a factor of two. */
export type Verdict = 'PASS' | 'FAIL';

export interface TargetResult {
  readonly target: Target;
  /** The ratio (median of per-round ratios), the measure's median or the case's median rate. */
  readonly value: number;
  readonly spread: Summary;
  readonly verdict: Verdict;
  /** Missed by more than half: what a CI regression check fails on (never on noise). */
  readonly gross: boolean;
}

export interface Measure {
  readonly name: string;
  readonly unit: string;
  readonly samples: readonly number[];
  readonly summary: Summary;
}

/**
 * Ratios are taken round by round (the cases of one round ran back to back, see
 * `runInterleaved`), then summarised: the median ratio and its spread over the rounds.
 */
export function pairedRatios(numerator: CaseResult, denominator: CaseResult): number[] {
  if (numerator.basis !== denominator.basis)
    throw new Error(`'${numerator.name}' and '${denominator.name}' have rates on different clocks`);
  const below = new Map<number, number>();
  for (const s of denominator.samples) if (!s.warmup) below.set(s.round, rateOf(s, denominator.basis));
  const ratios: number[] = [];
  for (const s of numerator.samples) {
    const d = below.get(s.round);
    if (!s.warmup && d !== undefined) ratios.push(rateOf(s, numerator.basis) / d);
  }
  return ratios;
}

export function evaluateTargets(
  targets: readonly Target[],
  cases: readonly CaseResult[],
  measures: readonly Measure[],
): TargetResult[] {
  const caseNamed = (name: string) => {
    const found = cases.find((c) => c.name === name);
    if (!found) throw new Error(`a target names the case '${name}', which did not run`);
    return found;
  };
  return targets.map((target) => {
    if (target.kind === 'ratio') {
      const spread = summarize(pairedRatios(caseNamed(target.numerator), caseNamed(target.denominator)));
      const value = spread.median;
      return {
        target,
        value,
        spread,
        verdict: value >= target.atLeast ? 'PASS' : 'FAIL',
        gross: value < target.atLeast / 2,
      };
    }
    if (target.kind === 'rate') {
      const spread = caseNamed(target.case).summary;
      const value = spread.median;
      return {
        target,
        value,
        spread,
        verdict: value >= target.atLeast ? 'PASS' : 'FAIL',
        gross: value < target.atLeast / 2,
      };
    }
    const measure = measures.find((m) => m.name === target.measure);
    if (!measure) throw new Error(`a target names the measure '${target.measure}', which did not run`);
    const value = measure.summary.median;
    return {
      target,
      value,
      spread: measure.summary,
      verdict: value <= target.atMost ? 'PASS' : 'FAIL',
      gross: value > target.atMost * 2,
    };
  });
}

/**
 * The targets `--check` fails on: missed by more than half (a gross regression, never noise),
 * leaving out those marked `check: false` (reported only, such as a target this machine
 * cannot allow, kept visible beside the restated one that is checked).
 */
export function checkFailures(results: readonly TargetResult[]): TargetResult[] {
  return results.filter((t) => t.gross && t.target.check !== false);
}
