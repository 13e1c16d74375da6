import { parseArgs } from 'node:util';

export interface CliOptions {
  /** A short run (fewer rounds, fewer appends), as CI uses. */
  readonly quick: boolean;
  /** Exit non-zero when a target is missed by more than half (gross regressions only, never noise). */
  readonly check: boolean;
  /** Do not collect garbage before each sample: rates of a process in its steady state. */
  readonly steady: boolean;
  /** The suites to run (positional arguments); all when empty. */
  readonly suites: readonly string[];
}

export function parseCli(argv: readonly string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: {
      quick: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      steady: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  return { quick: values.quick, check: values.check, steady: values.steady, suites: positionals };
}
