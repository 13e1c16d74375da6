// The contract suites have teeth: run against deliberately broken wrappers of the memory
// stores (teeth/*.fixture.ts, in a child vitest process), they fail, and exactly where they should.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

interface AssertionResult {
  readonly ancestorTitles: readonly string[];
  readonly title: string;
  readonly status: string;
}
interface JsonReport {
  readonly testResults: ReadonlyArray<{
    readonly name: string;
    readonly assertionResults: AssertionResult[];
  }>;
}

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const config = fileURLToPath(new URL('teeth/vitest.fixtures.config.ts', import.meta.url));

async function runFixtures(): Promise<JsonReport> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-contract-teeth-'));
  const outputFile = join(dir, 'report.json');
  // The child must not think it is a worker of this run.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        join(packageDir, 'node_modules/.bin/vitest'),
        ['run', '--config', config, '--reporter=json', `--outputFile=${outputFile}`],
        { cwd: packageDir, env, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) =>
        code === null ? reject(new Error(`vitest was killed: ${stderr}`)) : resolve(code),
      );
    });
    // A failing run exits 1; anything else means the fixtures did not run as intended.
    expect(exitCode).toBe(1);
    return JSON.parse(await readFile(outputFile, 'utf8')) as JsonReport;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `area > title` (or `title` where there are no areas) of each test of one fixture, by outcome. */
function outcomes(report: JsonReport, fixture: string): { failed: string[]; passed: string[] } {
  const file = report.testResults.find((result) => result.name.endsWith(`/${fixture}.fixture.ts`));
  if (!file) throw new Error(`no results for ${fixture}`);
  const named = (result: AssertionResult) => [...result.ancestorTitles.slice(1), result.title].join(' > ');
  return {
    failed: file.assertionResults.filter((result) => result.status === 'failed').map(named),
    passed: file.assertionResults.filter((result) => result.status === 'passed').map(named),
  };
}

const REVISION = 'append and expected revision';
const SUBSCRIBE = 'subscribe';
const IDEMPOTENCY = 'idempotent re-append by event id';

describe('the contract suites catch broken stores', () => {
  let report: JsonReport;
  beforeAll(async () => {
    report = await runFixtures();
  }, 120_000);

  it('a store that ignores the expected revision fails the conflict cases', () => {
    const { failed, passed } = outcomes(report, 'ignores-expected-revision');
    expect(failed.sort()).toEqual(
      [
        `${REVISION} > a missing stream rejects 'stream_exists' with actual revision -1n`,
        `${REVISION} > a missing stream rejects 0n with actual revision -1n`,
        `${REVISION} > a missing stream rejects 1n with actual revision -1n`,
        `${REVISION} > a missing stream rejects 5n with actual revision -1n`,
        `${REVISION} > a stream at revision 1 rejects 'no_stream' with actual revision 1n`,
        `${REVISION} > a stream at revision 1 rejects -1n with actual revision 1n`,
        `${REVISION} > a stream at revision 1 rejects 0n with actual revision 1n`,
        `${REVISION} > a stream at revision 1 rejects 2n with actual revision 1n`,
        `${REVISION} > a stream at revision 1 rejects 7n with actual revision 1n`,
        `${REVISION} > nextExpectedRevision chains appends; a stale revision is then a conflict`,
        'expected revision, against a model > every append of a random sequence is accepted or refused as EventStoreDB would',
        `${IDEMPOTENCY} > the same batch with an expectation that matches neither then nor now is a conflict`,
        'payloads, metadata and stream names > an append to a missing stream with a hostile name still checks the expected revision',
        'concurrent writers > 8 writers on one stream with expected revisions: each revision written exactly once',
        'concurrent writers > of 8 concurrent creators with no_stream exactly one wins',
      ].sort(),
    );
    expect(passed.length).toBeGreaterThan(80);
  });

  it('a store that drops an event at the catch-up/live switch fails the live subscription cases', () => {
    const { failed, passed } = outcomes(report, 'drops-event-at-switch');
    expect(failed.sort()).toEqual(
      [
        `${SUBSCRIBE} > catches up, then goes live with concurrent writers: every event once, in position order`,
        `${SUBSCRIBE} > onCaughtUp is called once, after the stored events were delivered and before live ones`,
        `${SUBSCRIBE} > with nothing to catch up, onCaughtUp is called and live events follow`,
        `${SUBSCRIBE} > filters apply to catch-up and live events`,
        `${SUBSCRIBE} > two subscriptions each get every event`,
      ].sort(),
    );
    expect(passed.length).toBeGreaterThan(90);
  });

  it('a store that does not recognise a retried batch by its event ids fails the retry cases', () => {
    const { failed, passed } = outcomes(report, 'not-idempotent');
    expect(failed.sort()).toEqual(
      [
        `${IDEMPOTENCY} > the same batch with the same no_stream expectation returns the same result and writes nothing`,
        `${IDEMPOTENCY} > the same batch with the same revision expectation returns the same result and writes nothing`,
        `${IDEMPOTENCY} > the same batch with any returns the same result and writes nothing`,
        `${IDEMPOTENCY} > a retried batch is not delivered twice to readAll or a subscription`,
        `${IDEMPOTENCY} > a retry is recognised after other writers appended: it gives the first write’s result`,
      ].sort(),
    );
    expect(passed.length).toBeGreaterThan(90);
  });

  it('a store that writes half of a failing batch fails every "writes nothing" case', () => {
    const { failed, passed } = outcomes(report, 'writes-half-of-failing-batch');
    const atomicity = [...failed, ...passed].filter(
      (name) => name.startsWith('atomic batches and validation > ') && name.endsWith(' writes nothing'),
    );
    expect(atomicity.length).toBeGreaterThanOrEqual(20);
    expect(failed.sort()).toEqual(atomicity.sort());
    expect(passed.length).toBeGreaterThan(70);
  });

  it('a checkpoint store that keeps positions as numbers fails the cases above 2^53', () => {
    const { failed, passed } = outcomes(report, 'number-checkpoints');
    expect(failed.sort()).toEqual(
      [
        'position 9007199254740993n round-trips as a bigint',
        'position 9223372036854775807n round-trips as a bigint',
        'a save replaces the previous position, also with a lower one (a rebuild moves back)',
        'hostile names are kept apart and read back',
      ].sort(),
    );
    expect(passed.length).toBeGreaterThan(4);
  });

  it('a snapshot store where the last write wins fails the older-snapshot case', () => {
    const { failed, passed } = outcomes(report, 'last-write-wins-snapshots');
    expect(failed).toEqual(['an older snapshot never replaces a newer one']);
    expect(passed.length).toBeGreaterThan(4);
  });
});
