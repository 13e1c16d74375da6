// Strata against Emmett (issue 12), memory stores: the same loyalty workload written the way
// each framework's users write it, interleaved round by round in one run, every answer checked.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { appendVsCases, HEAP_MEASURES, heapVs, rehydrateVsCases, VS_CASES } from './emmett/memory-cases.js';
import type { CliOptions } from './harness/cli.js';
import { describeEnvironment } from './harness/environment.js';
import { stderrProgress } from './harness/progress.js';
import { runInterleaved } from './harness/run-interleaved.js';
import { summarize } from './harness/stats.js';
import { commitOf, versionOf } from './harness/subject.js';
import type { SuiteResult } from './harness/suite-result.js';
import { evaluateTargets, type Measure, type Target } from './harness/targets.js';

const FULL = {
  appends: 100_000,
  streams: 10_000,
  appendWarmup: 1,
  appendRounds: 5,
  rehydrateEvents: 100_000,
  rehydrateWarmup: 1,
  rehydrateRounds: 9,
  heapEvents: 100_000,
  heapStreams: 1_000,
  heapRounds: 3,
};

const QUICK: typeof FULL = {
  ...FULL,
  appends: 20_000,
  appendRounds: 2,
  rehydrateRounds: 3,
  heapEvents: 20_000,
  heapRounds: 1,
};

export const EMMETT_TARGETS: readonly Target[] = [
  {
    kind: 'ratio',
    name: 'rehydrate 1×100k: Strata vs Emmett',
    numerator: VS_CASES.strataRehydrate,
    denominator: VS_CASES.emmettRehydrate,
    atLeast: 10,
    source: 'issue 12',
  },
  {
    kind: 'ratio',
    name: 'append 1/call over 10k streams: Strata vs Emmett',
    numerator: VS_CASES.strataAppend,
    denominator: VS_CASES.emmettAppend,
    atLeast: 5,
    source: 'issue 12',
  },
  {
    kind: 'limit',
    name: 'Strata: heap per stored event',
    measure: HEAP_MEASURES.strata,
    unit: 'bytes',
    atMost: 300,
    source: 'issue 12',
  },
];

function describeSubject(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const corePackage = require.resolve('@strata/core/package.json');
  const fromSource = process.execArgv.some((arg) => arg.includes('@strata/source'));
  const commit = commitOf(dirname(corePackage));
  return {
    '@strata/core': `${versionOf(require, '@strata/core')} (${fromSource ? 'sources, through tsx' : 'dist build'}${commit ? `, commit ${commit}` : ''})`,
    '@event-driven-io/emmett': `${versionOf(require, '@event-driven-io/emmett')} (its published build)`,
  };
}

export async function runEmmettSuite(options: Pick<CliOptions, 'quick' | 'steady'>): Promise<SuiteResult> {
  const p = options.quick ? QUICK : FULL;
  const progress = stderrProgress('emmett');
  const collect = !options.steady;
  progress.step(`filling two ${p.rehydrateEvents}-event streams`);
  const rehydrate = await runInterleaved(
    await rehydrateVsCases(p.rehydrateEvents),
    { warmup: p.rehydrateWarmup, rounds: p.rehydrateRounds, collect },
    progress,
  );
  const append = await runInterleaved(
    appendVsCases({ appends: p.appends, streams: p.streams }),
    { warmup: p.appendWarmup, rounds: p.appendRounds, collect },
    progress,
  );
  const strataHeap: number[] = [];
  const emmettHeap: number[] = [];
  for (let round = 0; round < p.heapRounds; round++) {
    progress.step(`heap round ${round + 1}/${p.heapRounds}: ${p.heapEvents} events each`);
    const { strata, emmett } = await heapVs({ events: p.heapEvents, streams: p.heapStreams });
    strataHeap.push(strata);
    emmettHeap.push(emmett);
  }
  progress.done();
  const cases = [...rehydrate, ...append];
  const measures: Measure[] = [
    { name: HEAP_MEASURES.strata, unit: 'bytes/event', samples: strataHeap, summary: summarize(strataHeap) },
    { name: HEAP_MEASURES.emmett, unit: 'bytes/event', samples: emmettHeap, summary: summarize(emmettHeap) },
  ];
  return {
    suite: 'emmett',
    mode: options.quick ? 'quick' : 'full',
    collectBeforeSamples: collect,
    environment: describeEnvironment(),
    subject: describeSubject(),
    parameters: p,
    cases,
    measures,
    targets: evaluateTargets(EMMETT_TARGETS, cases, measures),
  };
}
