import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { TestServer } from '@strata/eventstoredb/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const SERVER_URL = process.env.STRATA_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs the demo as `pnpm demo` does, as a child process; resolves with its output. */
async function demo(...args: string[]) {
  return run(process.execPath, ['--conditions=@strata/source', '--import', 'tsx', 'src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** The outcomes the narration must state, whatever the store. */
function expectNarratedOutcomes(stdout: string): void {
  // Loyalty: the saga enrols, purchases earn, a tier rises, a rule refuses, a conflict retries.
  expect(stdout).toMatch(
    /saga enrolment \(stream sagaEnrolment-coffee-club\.alice\): ✓ grant-signup-bonus {2}✓ issue-welcome-reward {2}✓ notify/,
  );
  expect(stdout).toContain('alice: 100 points; welcome message sent: true');
  expect(stdout).toContain('alice spends €900.00: earns 900 points, lifetime 1,042: tier upgraded to silver');
  expect(stdout).toContain(
    'bob asks for the espresso machine: DomainError INSUFFICIENT_POINTS: bob has 129 points in coffee-club, 4000 needed',
  );
  expect(stdout).toContain('till 2 hits ConcurrencyError: expected revision 2, the stream is at 3');
  expect(stdout).toContain('bob now has 159 points');
  expect(stdout).toContain(
    'compensation, in reverse: issue-welcome-reward then grant-signup-bonus — the cookie went back to stock, the bonus was reversed (balance 0)',
  );
  expect(stdout).toContain("upcast on load: 30 points, reason 'purchase'; dave has 130");
  expect(stdout).toMatch(/alice\s+silver\s+742\s+1042\s+300\s+0/);
  expect(stdout).toMatch(/Welcome cookie\s+50\s+7\s+3\s+1/);
  expect(stdout).toMatch(/rebuilding program-leaderboard █{30} 100% 3,022\/3,022/);
  expect(stdout).toMatch(/1\s+dave\s+8,755\s+gold/);
  expect(stdout).toContain('acme sees erin: true; globex sees erin: false');
  // Orders: one completes, one is declined and compensates, one finds no stock.
  expect(stdout).toMatch(
    /saga place-order \(stream sagaPlaceOrder-o-1001\): ✓ check-order {2}✓ reserve-stock {2}✓ charge-payment {2}✓ confirm-order/,
  );
  expect(stdout).toContain('order o-1001 is confirmed: paid €34.00 (saga completed)');
  expect(stdout).toContain(
    'charge-payment failed with DomainError PAYMENT_DECLINED: payment o-1002 was declined: card declined by the issuer',
  );
  expect(stdout).toContain(
    'compensation, in reverse: reserve-stock then check-order — the mug went back to stock and the order was cancelled (payment declined)',
  );
  expect(stdout).toContain('order o-1003 is cancelled (out of stock); card charged: no (saga compensated)');
  expect(stdout).toMatch(/o-1001\s+alice\s+3\s+€34\.00\s+confirmed/);
  expect(stdout).toMatch(/o-1002\s+mallory\s+1\s+€12\.50\s+cancelled\s+payment declined/);
  expect(stdout).toMatch(/mug\s+4\s+2\s+2/);
  expect(stdout).toMatch(/\d+ events in \d+ streams; positions 0\.\.\d+/);
  expect(stdout).toMatch(/sagaEnrolment\s+5\s/);
  expect(stdout).toMatch(/Demo finished in \d+\.\d s\./);
}

describe('pnpm demo', () => {
  it.each([['memory:'], ['pglite:']])('narrates every outcome and exits 0 on %s', async (url) => {
    const { stdout } = await demo('--store', url);
    expect(stdout).toContain(`Strata demo on '${url}'`);
    expectNarratedOutcomes(stdout);
  });

  it('narrates the same outcomes on PGlite in a directory, relative to where pnpm ran', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'strata-demo-'));
    try {
      const { stdout } = await run(
        process.execPath,
        ['--conditions=@strata/source', '--import', 'tsx', 'src/main.ts', '--store', 'pglite:./data'],
        { cwd: root, env: { ...process.env, NO_COLOR: '1', INIT_CWD: parent } },
      );
      expect(stdout).toContain("Strata demo on 'pglite:./data' (embedded PostgreSQL (PGlite))");
      expectNarratedOutcomes(stdout);
      expect(existsSync(join(parent, 'data', 'PG_VERSION'))).toBe(true);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  describe('on the PostgreSQL server', () => {
    const schema = `demo_${process.pid}_${Date.now().toString(36)}`;
    afterAll(async () => {
      const client = new pg.Client(SERVER_URL);
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    });

    it('narrates the same outcomes, and a second run on the same data starts new streams', async () => {
      const first = await demo('--store', SERVER_URL, '--schema', schema);
      expect(first.stdout).toContain('(PostgreSQL)');
      expectNarratedOutcomes(first.stdout);

      const second = await demo('--store', SERVER_URL, '--schema', schema);
      expect(second.stdout).toMatch(/this run's ids end in '-[0-9a-z]+'/);
      expect(second.stdout).toMatch(/order o-1001-[0-9a-z]+ is confirmed/);
    });
  });

  describe('on EventStoreDB', () => {
    // The wire-compatible in-process TEST SERVER, not the real database: it proves the demo
    // through the real @eventstore/db-client. With EVENTSTOREDB_URL set, the real server too.
    const server = new TestServer();
    beforeAll(() => server.start());
    afterAll(() => server.stop());

    it('narrates the same outcomes on the test server', async () => {
      const { stdout } = await demo('--store', server.url);
      expect(stdout).toContain('(EventStoreDB, read models in memory)');
      expectNarratedOutcomes(stdout);
    });

    it.runIf(process.env['EVENTSTOREDB_URL'])('narrates the same outcomes on a real server', async () => {
      const { stdout } = await demo('--store', process.env['EVENTSTOREDB_URL'] ?? '');
      expect(stdout).toContain('Demo finished');
      expect(stdout).toMatch(/saga place-order \(stream sagaPlaceOrder-o-1001(-[0-9a-z]+)?\): ✓ check-order/);
    });
  });

  it('exits non-zero with a clear line on a bad store URL', async () => {
    const failure = await demo('--store', 'nope://x').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('No event store is registered for');
  });
});
