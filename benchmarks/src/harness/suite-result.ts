import type { Environment } from './environment.js';
import type { CaseResult } from './run-interleaved.js';
import type { Measure, TargetResult } from './targets.js';

/** Everything one suite run found: what `results/<suite>.json` holds. */
export interface SuiteResult {
  readonly suite: string;
  readonly mode: 'full' | 'quick';
  /** Whether garbage was collected before each sample (see `RoundPlan.collect`). */
  readonly collectBeforeSamples: boolean;
  readonly environment: Environment;
  /** What was measured: sources or the build, and versions of what matters. */
  readonly subject: Readonly<Record<string, string>>;
  readonly parameters: Readonly<Record<string, number>>;
  readonly cases: readonly CaseResult[];
  readonly measures: readonly Measure[];
  readonly targets: readonly TargetResult[];
}
