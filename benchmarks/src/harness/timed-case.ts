/** What one timed run did: how many events it handled, and a check of its result. */
export interface RunOutcome {
  readonly events: number;
  /** Throws when the run's answer is wrong, so a fast wrong answer fails; called untimed. */
  readonly verify: () => void;
}

/** One workload, run once per round. `prepare` is untimed; only the function it gives is timed. */
export interface TimedCase {
  readonly name: string;
  readonly description: string;
  prepare(): Promise<() => Promise<RunOutcome>>;
}

/** One timed run of one case. */
export interface Sample {
  readonly round: number;
  readonly warmup: boolean;
  readonly events: number;
  readonly ms: number;
  readonly eventsPerSecond: number;
}
