// Strata against Emmett on the machine's PostgreSQL server (issue 12): the same loyalty
// workload through Strata's PostgresEventStore and Emmett's getPostgreSQLEventStore,
// interleaved round by round, every case on a database created for it, every answer checked.
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { pgVsAppendCases, pgVsCase, pgVsReadCases } from './emmett/postgres-cases.js';
import { emmett, PG_POOL_SIZE, strata } from './emmett/postgres-frameworks.js';
import type { CliOptions } from './harness/cli.js';
import { describeEnvironment } from './harness/environment.js';
import { stderrProgress } from './harness/progress.js';
import { runInterleaved } from './harness/run-interleaved.js';
import { commitOf, versionOf } from './harness/subject.js';
import type { SuiteResult } from './harness/suite-result.js';
import { evaluateTargets, type Target } from './harness/targets.js';
import { SERVER_URL } from './postgres/backend.js';

const FULL = {
  oneCalls: 2_000,
  hundredCalls: 300,
  writers: 16,
  writerCalls: 200,
  appendWarmup: 1,
  appendRounds: 5,
  rehydrateEvents: 10_000,
  rehydrateRepeat: 3,
  readAllStreams: 10,
  smallAggregates: 1_000,
  smallEvents: 10,
  readWarmup: 1,
  readRounds: 7,
};

const QUICK: typeof FULL = {
  ...FULL,
  oneCalls: 200,
  hundredCalls: 30,
  writerCalls: 20,
  appendRounds: 2,
  rehydrateEvents: 2_000,
  rehydrateRepeat: 2,
  readAllStreams: 5,
  smallAggregates: 200,
  readRounds: 2,
};

/** The issue's targets, on the full run's sizes (the quick run's names differ only in sizes). */
export function emmettPostgresTargets(p: typeof FULL): Target[] {
  const total = p.rehydrateEvents * p.readAllStreams;
  return [
    {
      kind: 'ratio',
      name: 'append 100/call: Strata vs Emmett',
      numerator: pgVsCase.hundred('Strata'),
      denominator: pgVsCase.hundred('Emmett'),
      atLeast: 2,
      source: 'issue 12',
    },
    {
      kind: 'ratio',
      name: `rehydrate 1×${p.rehydrateEvents / 1000}k: Strata vs Emmett`,
      numerator: pgVsCase.rehydrate('Strata', p.rehydrateEvents),
      denominator: pgVsCase.rehydrate('Emmett', p.rehydrateEvents),
      atLeast: 2,
      source: 'issue 12',
    },
    {
      kind: 'ratio',
      name: `${p.writers} writers × 1/call: Strata vs Emmett`,
      numerator: pgVsCase.writers('Strata', p.writers),
      denominator: pgVsCase.writers('Emmett', p.writers),
      atLeast: 1.5,
      source: 'issue 12',
    },
    {
      kind: 'ratio',
      name: 'append 1/call: Strata vs Emmett',
      numerator: pgVsCase.one('Strata'),
      denominator: pgVsCase.one('Emmett'),
      atLeast: 1,
      source: 'no issue target: reported',
      check: false,
    },
    {
      kind: 'ratio',
      name: `${pgVsCase.rehydrateMany('', p.smallAggregates, p.smallEvents).slice(2)}: Strata vs Emmett`,
      numerator: pgVsCase.rehydrateMany('Strata', p.smallAggregates, p.smallEvents),
      denominator: pgVsCase.rehydrateMany('Emmett', p.smallAggregates, p.smallEvents),
      atLeast: 1,
      source: 'no issue target: reported',
      check: false,
    },
    {
      kind: 'ratio',
      name: `readAll ${total / 1000}k: Strata vs Emmett`,
      numerator: pgVsCase.readAll('Strata', total),
      denominator: pgVsCase.readAll('Emmett', total),
      atLeast: 1,
      source: 'no issue target: reported',
      check: false,
    },
  ];
}

async function describeSubject(): Promise<Record<string, string>> {
  const require = createRequire(import.meta.url);
  const pgPackage = require.resolve('@strata/postgres/package.json');
  const fromPostgres = createRequire(pgPackage);
  const fromSource = process.execArgv.some((arg) => arg.includes('@strata/source'));
  const commit = commitOf(dirname(pgPackage));
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  let server = 'unknown';
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings
        where name in ('server_version', 'synchronous_commit', 'fsync', 'wal_sync_method') order by name`,
    );
    const setting = (name: string) => rows.find((r) => r.name === name)?.setting ?? 'unknown';
    server = `${setting('server_version')} at ${new URL(SERVER_URL).host} (synchronous_commit ${setting('synchronous_commit')}, fsync ${setting('fsync')}, wal_sync_method ${setting('wal_sync_method')}, a database created per case, pools of ${PG_POOL_SIZE} on both sides)`;
  } finally {
    await client.end();
  }
  return {
    '@strata/postgres': `${versionOf(require, '@strata/postgres')} (${fromSource ? 'sources, through tsx' : 'dist build'}${commit ? `, commit ${commit}` : ''})`,
    pg: versionOf(fromPostgres, 'pg'),
    '@event-driven-io/emmett-postgresql': `${versionOf(require, '@event-driven-io/emmett-postgresql')} (its published build)`,
    '@event-driven-io/pongo': versionOf(require, '@event-driven-io/pongo'),
    'PostgreSQL server': server,
  };
}

export async function runEmmettPostgresSuite(
  options: Pick<CliOptions, 'quick' | 'steady'>,
): Promise<SuiteResult> {
  const p = options.quick ? QUICK : FULL;
  const progress = stderrProgress('emmett-postgres');
  const loadAtStart = loadavg();
  const subject = await describeSubject();
  // Rates on wall time: the server's backends and its disk do much of the work.
  const plan = { collect: !options.steady, basis: 'wall' } as const;
  const appends = await runInterleaved(
    [...pgVsAppendCases(strata, p), ...pgVsAppendCases(emmett, p)],
    { ...plan, warmup: p.appendWarmup, rounds: p.appendRounds },
    progress,
  );
  progress.step(
    `filling four databases (${p.rehydrateEvents * (1 + p.readAllStreams) + p.smallAggregates * p.smallEvents} events for each side)`,
  );
  const strataReads = await pgVsReadCases(strata, p);
  let reads;
  try {
    const emmettReads = await pgVsReadCases(emmett, p);
    try {
      reads = await runInterleaved(
        [...strataReads.cases, ...emmettReads.cases],
        { ...plan, warmup: p.readWarmup, rounds: p.readRounds },
        progress,
      );
    } finally {
      await emmettReads.dispose();
    }
  } finally {
    await strataReads.dispose();
  }
  progress.done();
  const cases = [...appends, ...reads];
  return {
    suite: 'emmett-postgres',
    mode: options.quick ? 'quick' : 'full',
    collectBeforeSamples: !options.steady,
    environment: describeEnvironment(),
    subject: { ...subject, 'load average at start': loadAtStart.map((l) => l.toFixed(1)).join(' / ') },
    parameters: p,
    cases,
    measures: [],
    targets: evaluateTargets(emmettPostgresTargets(p), cases, []),
  };
}
