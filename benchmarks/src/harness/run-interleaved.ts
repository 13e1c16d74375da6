import { collectGarbage } from './gc.js';
import type { Progress } from './progress.js';
import { summarize, type Summary } from './stats.js';
import { rateOf, type RateBasis, type Sample, type TimedCase } from './timed-case.js';

export interface RoundPlan {
  /** Rounds run first and recorded, but left out of the summary. */
  readonly warmup: number;
  readonly rounds: number;
  /**
   * Collect garbage before each sample (default). A collection also shrinks the young
   * generation, so an allocating run right after one pays for regrowing it: rates are lower
   * than in a process that has been running, but every case starts from the same heap.
   */
  readonly collect?: boolean;
  /** The clock the summary and ratios use (default `cpu`); both are kept in every sample. */
  readonly basis?: RateBasis;
}

export interface CaseResult {
  readonly name: string;
  readonly description: string;
  readonly unit: 'events/s';
  /** The clock of `summary` (and of every ratio taken from this case). */
  readonly basis: RateBasis;
  /** Every sample, warm-up included (marked), in the order they ran. */
  readonly samples: readonly Sample[];
  /** Over the measured (non-warm-up) samples' events per second on the `basis` clock. */
  readonly summary: Summary;
  /** The same per CPU second of this process. */
  readonly cpuSummary: Summary;
  /** The same per wall second. */
  readonly wallSummary: Summary;
}

/**
 * Runs every case once per round, rotating which goes first, so drift in the machine
 * (other load, heap growth, CPU frequency) falls on all cases alike and per-round
 * ratios between them compare like with like.
 */
export async function runInterleaved(
  cases: readonly TimedCase[],
  plan: RoundPlan,
  progress: Progress,
): Promise<CaseResult[]> {
  const samples = cases.map(() => [] as Sample[]);
  const total = plan.warmup + plan.rounds;
  for (let round = 0; round < total; round++) {
    const warmup = round < plan.warmup;
    for (let k = 0; k < cases.length; k++) {
      const index = (round + k) % cases.length;
      const timedCase = cases[index]!;
      progress.step(`${warmup ? 'warm-up' : 'round'} ${round + 1}/${total}: ${timedCase.name}`);
      const run = await timedCase.prepare();
      if (plan.collect ?? true) collectGarbage();
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      const outcome = await run();
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const cpu = process.cpuUsage(cpuStart);
      try {
        await outcome.verify();
      } finally {
        await outcome.dispose?.();
      }
      // cpuUsage counts in microseconds; a very short run can read 0, so never divide by 0.
      const cpuMs = Math.max((cpu.user + cpu.system) / 1000, 0.001);
      samples[index]!.push({
        round,
        warmup,
        events: outcome.events,
        cpuMs,
        wallMs,
        eventsPerSecond: outcome.events / (cpuMs / 1000),
        wallEventsPerSecond: outcome.events / (wallMs / 1000),
      });
    }
  }
  return cases.map((timedCase, i) => {
    const all = samples[i]!;
    const measured = all.filter((s) => !s.warmup);
    const basis = plan.basis ?? 'cpu';
    return {
      name: timedCase.name,
      description: timedCase.description,
      unit: 'events/s',
      basis,
      samples: all,
      summary: summarize(measured.map((s) => rateOf(s, basis))),
      cpuSummary: summarize(measured.map((s) => s.eventsPerSecond)),
      wallSummary: summarize(measured.map((s) => s.wallEventsPerSecond)),
    };
  });
}
