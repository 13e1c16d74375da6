// Strata against Emmett (issue 12), memory stores: the same loyalty workload written the way
// each framework's users write it, interleaved round by round in one run, every answer checked.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { oneStreamVsCases, shapeCase, type OneStreamShape } from './emmett/memory-append-shapes.js';
import { appendVsCases, HEAP_MEASURES, heapVs, rehydrateVsCases, VS_CASES } from './emmett/memory-cases.js';
import { manyCase, rehydrateManyVsCases } from './emmett/memory-rehydrate-many.js';
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
  // Emmett's in-memory append copies the stream's array on every call, so appends into one
  // stream cost it O(stream length) each: fewer calls keep its samples to seconds.
  oneStreamCalls: 20_000,
  hundredCalls: 1_000,
  longStreamPrefill: 100_000,
  longStreamCalls: 500,
  rehydrateEvents: 100_000,
  rehydrateWarmup: 1,
  rehydrateRounds: 9,
  manyAggregates: 10_000,
  manyEvents: 10,
  heapEvents: 100_000,
  heapStreams: 1_000,
  heapRounds: 3,
};

const QUICK: typeof FULL = {
  ...FULL,
  appends: 20_000,
  appendRounds: 2,
  oneStreamCalls: 3_000,
  hundredCalls: 100,
  longStreamPrefill: 20_000,
  longStreamCalls: 100,
  rehydrateRounds: 2,
  manyAggregates: 2_000,
  // 100 events a stream, as in the full run: the per-stream cost is spread alike.
  heapEvents: 20_000,
  heapStreams: 200,
  heapRounds: 3,
};

/** The single-stream append shapes of a run. */
function shapesOf(p: typeof FULL): Record<'one' | 'hundred' | 'long', OneStreamShape> {
  return {
    one: { label: 'append 1/call into 1 stream', calls: p.oneStreamCalls, perCall: 1, prefill: 0 },
    hundred: { label: 'append 100/call into 1 stream', calls: p.hundredCalls, perCall: 100, prefill: 0 },
    long: {
      label: `append 1/call into a stream holding ${p.longStreamPrefill / 1000}k`,
      calls: p.longStreamCalls,
      perCall: 1,
      prefill: p.longStreamPrefill,
    },
  };
}

/** Reported against Emmett, where the issue sets no target: Strata should at least not be slower. */
function reportedVs(name: string, strataCase: string, emmettCase: string): Target {
  return {
    kind: 'ratio',
    name,
    numerator: strataCase,
    denominator: emmettCase,
    atLeast: 1,
    source: 'no issue target: reported',
    check: false,
  };
}

export function emmettTargets(p: typeof FULL): Target[] {
  const shapes = shapesOf(p);
  return [
    {
      kind: 'ratio',
      name: 'rehydrate 1×100k: Strata vs Emmett',
      numerator: VS_CASES.strataRehydrate,
      denominator: VS_CASES.emmettRehydrate,
      atLeast: 10,
      // Unreachable on this machine: the bare hand fold over an array is about 3.75× Emmett.
      // Reported as missed; the two restated targets below are what --check uses.
      source: 'issue 12 (unreachable: see docs/benchmarks.md)',
      check: false,
    },
    {
      kind: 'ratio',
      name: 'rehydrate 1×100k: Strata vs Emmett (restated)',
      numerator: VS_CASES.strataRehydrate,
      denominator: VS_CASES.emmettRehydrate,
      atLeast: 1,
      source: 'issue 12, restated',
    },
    {
      kind: 'ratio',
      name: 'rehydrate 1×100k vs the hand fold over an array',
      numerator: VS_CASES.strataRehydrate,
      denominator: VS_CASES.handFold,
      atLeast: 0.25,
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
    reportedVs(
      'append 1/call into 1 stream: Strata vs Emmett',
      shapeCase('Strata', shapes.one),
      shapeCase('Emmett', shapes.one),
    ),
    reportedVs(
      'append 100/call: Strata vs Emmett',
      shapeCase('Strata', shapes.hundred),
      shapeCase('Emmett', shapes.hundred),
    ),
    reportedVs(
      `append 1/call into a ${p.longStreamPrefill / 1000}k stream: Strata vs Emmett`,
      shapeCase('Strata', shapes.long),
      shapeCase('Emmett', shapes.long),
    ),
    reportedVs(
      `rehydrate ${p.manyAggregates / 1000}k×${p.manyEvents}: Strata vs Emmett`,
      manyCase('Strata', p.manyAggregates, p.manyEvents),
      manyCase('Emmett', p.manyAggregates, p.manyEvents),
    ),
  ];
}

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
  progress.step(`filling two stores with ${p.manyAggregates} accounts of ${p.manyEvents} events`);
  const many = await runInterleaved(
    await rehydrateManyVsCases(p.manyAggregates, p.manyEvents),
    { warmup: p.rehydrateWarmup, rounds: p.rehydrateRounds, collect },
    progress,
  );
  const shapes = shapesOf(p);
  const append = await runInterleaved(
    [
      ...appendVsCases({ appends: p.appends, streams: p.streams }),
      ...oneStreamVsCases(shapes.one),
      ...oneStreamVsCases(shapes.hundred),
      ...oneStreamVsCases(shapes.long),
    ],
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
  const cases = [...rehydrate, ...many, ...append];
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
    targets: evaluateTargets(emmettTargets(p), cases, measures),
  };
}
