import { collectGarbage } from './gc.js';
import type { Progress } from './progress.js';
import { summarize, type Summary } from './stats.js';
import type { Sample, TimedCase } from './timed-case.js';

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
}

export interface CaseResult {
  readonly name: string;
  readonly description: string;
  readonly unit: 'events/s';
  /** Every sample, warm-up included (marked), in the order they ran. */
  readonly samples: readonly Sample[];
  /** Over the measured (non-warm-up) samples' events per CPU second. */
  readonly summary: Summary;
  /** The same over wall time. */
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
      outcome.verify();
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
    return {
      name: timedCase.name,
      description: timedCase.description,
      unit: 'events/s',
      samples: all,
      summary: summarize(measured.map((s) => s.eventsPerSecond)),
      wallSummary: summarize(measured.map((s) => s.wallEventsPerSecond)),
    };
  });
}
