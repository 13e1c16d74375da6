import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { summarize } from '../harness/stats.js';
import type { Measure } from '../harness/targets.js';
import type { Backend } from './backend.js';

export const COMMIT_MEASURE = 'server: commit of a 1-row insert';
export const EMPTY_MEASURE = 'server: round trip of an empty transaction';

async function timed(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < times; n++) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return samples;
}

/**
 * What bounds a server's appends: the latency of a commit that must reach the disk (an
 * autocommitted 1-row insert: one WAL flush) and of one that need not (`begin; commit` with
 * nothing written: a round trip and no flush), in microseconds, on a schema of its own.
 */
export async function commitLatencies(server: Backend, times: number): Promise<Measure[]> {
  const { store, dispose } = await server.open();
  try {
    const table = `"${store.schema}".commit_probe`;
    await server.query(`create table ${table} (n int)`);
    const commits = await timed(times, () => server.query(`insert into ${table} values (1)`));
    const empty = await timed(times, () => server.query('begin; commit'));
    return [
      { name: COMMIT_MEASURE, unit: 'µs', samples: commits, summary: summarize(commits) },
      { name: EMPTY_MEASURE, unit: 'µs', samples: empty, summary: summarize(empty) },
    ];
  } finally {
    await dispose();
  }
}

/**
 * `pg_test_fsync`'s rate for one 8 kB write and fdatasync (the server's wal_sync_method here),
 * on a file in the temporary directory (the same disk as the server's data on this machine);
 * undefined when the tool is not installed.
 */
export async function pgTestFsync(): Promise<{ opsPerSecond: number; output: string } | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-fsync-'));
  const candidates = ['pg_test_fsync', '/usr/lib/postgresql/15/bin/pg_test_fsync'];
  try {
    for (const tool of candidates) {
      try {
        const { stdout } = await promisify(execFile)(tool, ['-s', '1', '-f', join(dir, 'probe')]);
        const line = stdout.split('\n').find((l) => /^\s*fdatasync\s+[\d.]+ ops\/sec/.test(l));
        const rate = line ? Number(/([\d.]+) ops\/sec/.exec(line)?.[1]) : Number.NaN;
        return { opsPerSecond: rate, output: stdout };
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOENT') throw error;
      }
    }
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
