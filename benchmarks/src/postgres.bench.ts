// The PostgreSQL suite (issue 6's proof, the PostgreSQL half of issue 12): appends, concurrent
// writers, rehydrate and readAll of @strata/postgres on the machine's server and on PGlite.
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import type { CliOptions } from './harness/cli.js';
import { describeEnvironment } from './harness/environment.js';
import { stderrProgress } from './harness/progress.js';
import { runInterleaved } from './harness/run-interleaved.js';
import { summarize } from './harness/stats.js';
import { commitOf, versionOf } from './harness/subject.js';
import type { SuiteResult } from './harness/suite-result.js';
import { evaluateTargets, type Measure, type Target } from './harness/targets.js';
import { pgAppendCase, pgAppendCases } from './postgres/append.js';
import { pgliteBackend, POOL_SIZE, SERVER_URL, serverBackend, type Backend } from './postgres/backend.js';
import { commitLatencies, pgTestFsync } from './postgres/machine.js';
import { pgReadCases } from './postgres/read.js';

const FULL = {
  oneCalls: 5_000,
  hundredCalls: 500,
  writers: 16,
  writerCalls: 300,
  appendWarmup: 1,
  appendRounds: 7,
  rehydrateEvents: 10_000,
  rehydrateRepeat: 3,
  readAllStreams: 10,
  readWarmup: 1,
  readRounds: 11,
  commitProbes: 500,
};

const QUICK: typeof FULL = {
  ...FULL,
  oneCalls: 300,
  hundredCalls: 30,
  writerCalls: 20,
  appendRounds: 2,
  rehydrateEvents: 2_000,
  rehydrateRepeat: 1,
  readAllStreams: 2,
  readRounds: 2,
  commitProbes: 50,
};

/**
 * A wall-clock rate depends on what else the machine runs, so a quick run (CI) reports it
 * but does not fail on it; the full run checks it.
 */
export function postgresTargets(quick: boolean): Target[] {
  return [
    {
      kind: 'rate',
      name: 'server: append 100/call',
      case: pgAppendCase.hundred('server'),
      atLeast: 40_000,
      source: 'issue 6',
      check: !quick,
    },
  ];
}

export const FSYNC_MEASURE = 'pg_test_fsync: one 8 kB write + fdatasync';

async function describeSubject(server: Backend): Promise<Record<string, string>> {
  const require = createRequire(import.meta.url);
  const pgPackage = require.resolve('@strata/postgres/package.json');
  const fromPostgres = createRequire(pgPackage);
  const fromSource = process.execArgv.some((arg) => arg.includes('@strata/source'));
  const commit = commitOf(dirname(pgPackage));
  const settings = await server.query<{ name: string; setting: string }>(
    `select name, setting from pg_settings
      where name in ('server_version', 'synchronous_commit', 'fsync', 'wal_sync_method', 'shared_buffers')
      order by name`,
  );
  const setting = (name: string) => settings.find((s) => s.name === name)?.setting ?? 'unknown';
  return {
    '@strata/postgres': `${versionOf(require, '@strata/postgres')} (${fromSource ? 'sources, through tsx' : 'dist build'}${commit ? `, commit ${commit}` : ''})`,
    pg: versionOf(fromPostgres, 'pg'),
    '@electric-sql/pglite': versionOf(fromPostgres, '@electric-sql/pglite'),
    'PostgreSQL server': `${setting('server_version')} at ${new URL(SERVER_URL).host} (synchronous_commit ${setting('synchronous_commit')}, fsync ${setting('fsync')}, wal_sync_method ${setting('wal_sync_method')}, pool of ${POOL_SIZE})`,
  };
}

export async function runPostgresSuite(options: Pick<CliOptions, 'quick' | 'steady'>): Promise<SuiteResult> {
  const p = options.quick ? QUICK : FULL;
  const progress = stderrProgress('postgres');
  const loadAtStart = loadavg();
  progress.step('pg_test_fsync');
  // About 15 seconds: a full run's context, not worth it in a quick one.
  const fsync = options.quick ? undefined : await pgTestFsync();
  progress.step('connecting to the server, starting PGlite');
  const server = await serverBackend();
  // PGlite takes seconds to start (longer on a loaded machine) and nothing in it is checked:
  // a quick run (CI) measures the server only.
  const pglite = options.quick ? undefined : await pgliteBackend();
  const backends = pglite ? [server, pglite] : [server];
  try {
    const subject = await describeSubject(server);
    progress.step('commit latencies');
    const measures: Measure[] = await commitLatencies(server, p.commitProbes);
    if (fsync && Number.isFinite(fsync.opsPerSecond))
      measures.push({
        name: FSYNC_MEASURE,
        unit: 'ops/s',
        samples: [fsync.opsPerSecond],
        summary: summarize([fsync.opsPerSecond]),
      });
    // Rates on wall time: the server's backends and its disk do the work, not this process.
    const plan = { collect: !options.steady, basis: 'wall' } as const;
    const appends = await runInterleaved(
      backends.flatMap((backend) => pgAppendCases(backend, p)),
      { ...plan, warmup: p.appendWarmup, rounds: p.appendRounds },
      progress,
    );
    progress.step(`filling the read schemas (${p.rehydrateEvents * (1 + p.readAllStreams)} events each)`);
    const readCases = [];
    let reads;
    try {
      for (const backend of backends) readCases.push(await pgReadCases(backend, p));
      reads = await runInterleaved(
        readCases.flatMap((r) => r.cases),
        { ...plan, warmup: p.readWarmup, rounds: p.readRounds },
        progress,
      );
    } finally {
      for (const r of readCases) await r.dispose();
    }
    progress.done();
    const cases = [...appends, ...reads];
    return {
      suite: 'postgres',
      mode: options.quick ? 'quick' : 'full',
      collectBeforeSamples: !options.steady,
      environment: describeEnvironment(),
      subject: {
        ...subject,
        'load average at start': loadAtStart.map((l) => l.toFixed(1)).join(' / '),
        pg_test_fsync: fsync
          ? `${Math.round(fsync.opsPerSecond)} fdatasync/s (8 kB)`
          : options.quick
            ? 'not run (quick)'
            : 'not installed',
      },
      parameters: p,
      cases,
      measures,
      targets: evaluateTargets(postgresTargets(options.quick), cases, measures),
    };
  } finally {
    await server.close();
    await pglite?.close();
  }
}
