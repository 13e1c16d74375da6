/** What one timed run did: how many events it handled, and a check of its result. */
export interface RunOutcome {
  readonly events: number;
  /**
   * Throws (or rejects) when the run's answer is wrong, so a fast wrong answer fails; called
   * untimed. It may query what a database holds.
   */
  readonly verify: () => void | Promise<void>;
  /** Releases what the run made (a database schema, a pool); called untimed, after `verify`. */
  readonly dispose?: () => Promise<void>;
}

/** One workload, run once per round. `prepare` is untimed; only the function it gives is timed. */
export interface TimedCase {
  readonly name: string;
  readonly description: string;
  prepare(): Promise<() => Promise<RunOutcome>>;
}

/**
 * Which clock a case's rates come from. `cpu`: this process's CPU time, right when the work
 * happens in-process (the memory store, PGlite). `wall`: elapsed time, right when the work
 * happens elsewhere (a PostgreSQL server's backends and its disk), which this process's CPU
 * time does not see.
 */
export type RateBasis = 'cpu' | 'wall';

/** A sample's rate on the given clock. */
export function rateOf(sample: Sample, basis: RateBasis): number {
  return basis === 'cpu' ? sample.eventsPerSecond : sample.wallEventsPerSecond;
}

/**
 * One timed run of one case. `cpuMs` is the process's user + system CPU time over the run
 * (GC helper threads included); `wallMs` the elapsed time. On a shared machine the process
 * is descheduled for long stretches, which wall time counts and CPU time does not, so the
 * rates and ratios are taken from CPU time; wall time is kept beside it.
 */
export interface Sample {
  readonly round: number;
  readonly warmup: boolean;
  readonly events: number;
  readonly cpuMs: number;
  readonly wallMs: number;
  /** events / CPU seconds. */
  readonly eventsPerSecond: number;
  /** events / wall seconds. */
  readonly wallEventsPerSecond: number;
}
