import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seed } from './test-support/loyalty.js';
import { cli, collect, configDir, startCli } from './test-support/run-cli.js';

const schema = 'strata_cli';
const url = `pglite:${mkdtempSync(join(tmpdir(), 'strata-cli-pglite-'))}`;
let dir: string;
let seeded: number;

beforeAll(async () => {
  seeded = await seed(url, schema, 3, 2, true);
  dir = configDir(url, schema);
}, 60_000);

describe('strata on PGlite', () => {
  it('--help lists every command with a description, and a command help shows an example', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const name of [
      'streams list',
      'streams read',
      'streams tail',
      'events stats',
      'migrate',
      'doctor',
      'projections rebuild',
      'dead-letters retry',
    ])
      expect(top.stdout).toContain(name);
    const read = await cli(['streams', 'read', '--help']);
    expect(read.stdout).toContain('Example:\n  $ strata streams read');
  });

  it('streams list gives every stream as a table and as JSON', async () => {
    // NO_COLOR unset, but stdout is a pipe: still no colours.
    const table = await cli(['streams', 'list'], { cwd: dir, env: { NO_COLOR: '' } });
    expect(table.code).toBe(0);
    expect(table.stdout).not.toContain('\u001b[');
    expect(table.stdout).toMatch(/stream\s+events\s+last revision/);
    const json = await cli(['streams', 'list', '--json', '--limit', '2'], { cwd: dir });
    const list = JSON.parse(json.stdout) as { streamId: string; events: number; lastRevision: string }[];
    expect(list.map((s) => s.streamId)).toEqual(['loyaltyAccount-a-1', 'loyaltyAccount-a-2']);
    expect(list[0]).toMatchObject({ events: 3, lastRevision: '2' });
  });

  it('streams read reads forwards, backwards, from a revision, with a limit', async () => {
    const all = JSON.parse(
      (await cli(['streams', 'read', 'loyaltyAccount-a-2', '--json'], { cwd: dir })).stdout,
    ) as { revision: string; type: string }[];
    expect(all.map((e) => e.revision)).toEqual(['0', '1', '2']);
    expect(all[0]?.type).toBe('loyalty.customer.enrolled');
    const back = JSON.parse(
      (
        await cli(['streams', 'read', 'loyaltyAccount-a-2', '--backwards', '--limit', '2', '--json'], {
          cwd: dir,
        })
      ).stdout,
    ) as { revision: string }[];
    expect(back.map((e) => e.revision)).toEqual(['2', '1']);
    const from = JSON.parse(
      (await cli(['streams', 'read', 'loyaltyAccount-a-2', '--from', '1', '--json'], { cwd: dir })).stdout,
    ) as unknown[];
    expect(from).toHaveLength(2);
  });

  it('streams read of an unknown stream fails with exit 1 and one line', async () => {
    const result = await cli(['streams', 'read', 'loyaltyAccount-nobody'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('stream loyaltyAccount-nobody not found');
    expect(result.stderr).toContain('strata streams list');
    const verbose = await cli(['--verbose', 'streams', 'read', 'loyaltyAccount-nobody'], { cwd: dir });
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('events stats counts by type and category', async () => {
    const result = await cli(['events', 'stats', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout) as {
      events: number;
      streams: number;
      byType: Record<string, number>;
      byCategory: Record<string, number>;
      lastPosition: string;
    };
    expect(stats).toMatchObject({ events: seeded, streams: 3, byCategory: { loyaltyAccount: seeded } });
    expect(stats.byType).toEqual({ 'loyalty.customer.enrolled': 3, 'loyalty.points.earned': 6 });
    expect(typeof stats.lastPosition).toBe('string');
    const text = await cli(['events', 'stats'], { cwd: dir });
    expect(text.stdout).toContain(`events: ${seeded}  streams: 3`);
  });

  it('usage errors exit 2', async () => {
    expect((await cli(['streams', 'read'], { cwd: dir })).code).toBe(2);
    expect((await cli(['streams', 'list', '--limit', 'lots'], { cwd: dir })).code).toBe(2);
    expect((await cli(['nonsense'], { cwd: dir })).code).toBe(2);
  });

  it('--version prints the package version', async () => {
    const result = await cli(['--version'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('0.1.0');
  });

  it('doctor reports a schema that does not exist yet without creating it, and migrate fixes it', async () => {
    const fresh = await cli(['--schema', 'doctor_fresh', 'doctor', '--json'], { cwd: dir });
    const report = JSON.parse(fresh.stdout) as {
      healthy: boolean;
      checks: { check: string; ok: boolean; fix?: string }[];
    };
    expect(fresh.code).toBe(1);
    const schemaCheck = report.checks.find((c) => c.check === 'schema');
    expect(schemaCheck?.ok).toBe(false);
    expect(schemaCheck?.fix).toContain('strata migrate');
    const again = await cli(['--schema', 'doctor_fresh', 'doctor', '--json'], { cwd: dir });
    expect(again.code).toBe(1);
    expect((await cli(['--schema', 'doctor_fresh', 'migrate'], { cwd: dir })).code).toBe(0);
    expect((await cli(['--schema', 'doctor_fresh', 'doctor'], { cwd: dir })).code).toBe(0);
  });

  it('migrate reports the schema up to date; doctor is healthy', async () => {
    const migrate = await cli(['migrate', '--json'], { cwd: dir });
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ schema, applied: [] });
    const doctor = await cli(['doctor', '--json'], { cwd: dir });
    const report = JSON.parse(doctor.stdout) as {
      healthy: boolean;
      checks: { check: string; ok: boolean }[];
    };
    expect(report.checks.map((c) => c.check)).toEqual([
      'config',
      'connection',
      'schema',
      'projections',
      'dead letters',
    ]);
    expect(report.healthy).toBe(true);
    expect(doctor.code).toBe(0);
  });

  it('projections list and status before anything ran', async () => {
    const list = JSON.parse((await cli(['projections', 'list', '--json'], { cwd: dir })).stdout) as {
      name: string;
    }[];
    expect(list.map((p) => p.name)).toEqual(['loyalty-balances', 'loyalty-audit']);
    const status = JSON.parse(
      (await cli(['projections', 'status', 'loyalty-balances', '--json'], { cwd: dir })).stdout,
    ) as { state: string; position: string }[];
    expect(status).toEqual([
      expect.objectContaining({ name: 'loyalty-balances', state: 'never run', position: '-1' }),
    ]);
  });

  it('an unknown projection is a clear error', async () => {
    const result = await cli(['projections', 'rebuild', 'nope'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'unknown projection nope (known projections: loyalty-balances, loyalty-audit)',
    );
  });

  it('a bad config file is a clear usage error', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'strata-cli-bad-'));
    writeFileSync(join(bad, 'strata.config.json'), '{ "store": ');
    const result = await cli(['streams', 'list'], { cwd: bad });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('strata.config.json: is not valid JSON');
    const notAUrl = mkdtempSync(join(tmpdir(), 'strata-cli-bad-'));
    writeFileSync(join(notAUrl, 'strata.config.mjs'), 'export default { store: 42 };');
    const second = await cli(['streams', 'list'], { cwd: notAUrl });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('"store" must be a URL string');
  });

  it('--store and STRATA_STORE_URL override the config; no URL at all is a usage error', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'strata-cli-none-'));
    const none = await cli(['streams', 'list'], { cwd: empty });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no store URL given');
    const viaEnv = await cli(['events', 'stats', '--json', '--schema', schema], {
      cwd: empty,
      env: { STRATA_STORE_URL: url },
    });
    expect((JSON.parse(viaEnv.stdout) as { events: number }).events).toBe(seeded);
    const viaFlag = await cli(['--store', 'memory:', 'events', 'stats', '--json'], { cwd: dir });
    expect((JSON.parse(viaFlag.stdout) as { events: number }).events).toBe(0);
  });

  it('rebuild shows a progress bar with rate and ETA, then dead letters list/show/discard', async () => {
    const rebuild = await cli(['projections', 'rebuild', 'loyalty-audit'], { cwd: dir });
    expect(rebuild.code).toBe(0);
    expect(rebuild.stderr).toMatch(
      /loyalty-audit \[[^\]]+\] 100% \| 6\/6 events \| \d+ events\/s \| ETA 0ms/,
    );
    expect(rebuild.stdout).toContain('rebuilt loyalty-audit: 6/6 events');
    const letters = JSON.parse((await cli(['dead-letters', 'list', '--json'], { cwd: dir })).stdout) as {
      id: string;
      error: { message: string };
    }[];
    expect(letters).toHaveLength(1);
    const id = letters[0]?.id ?? '';
    expect(letters[0]?.error.message).toContain('audit rejects poison');
    const show = await cli(['dead-letters', 'show', id], { cwd: dir });
    expect(JSON.parse(show.stdout)).toMatchObject({
      id,
      projection: 'loyalty-audit',
      event: { type: 'loyalty.points.earned' },
    });
    const retry = await cli(['dead-letters', 'retry', id], { cwd: dir });
    expect(retry.code).toBe(1);
    expect(retry.stderr).toContain('audit rejects poison');
    expect((await cli(['dead-letters', 'discard', id], { cwd: dir })).code).toBe(0);
    expect(JSON.parse((await cli(['dead-letters', 'list', '--json'], { cwd: dir })).stdout)).toEqual([]);
    expect((await cli(['dead-letters', 'show', id], { cwd: dir })).code).toBe(1);
  });

  it('projections run follows live until SIGTERM, exits 0 and commits its checkpoint', async () => {
    const child = startCli(['projections', 'run', 'loyalty-balances'], { cwd: dir });
    const done = collect(child);
    await new Promise<void>((ready) =>
      child.stderr?.on('data', (chunk: Buffer) => chunk.toString().includes('running') && ready()),
    );
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('stopped: loyalty-balances@v1.0');
    const status = JSON.parse(
      (await cli(['projections', 'status', 'loyalty-balances', '--json'], { cwd: dir })).stdout,
    ) as { state: string; position: string; lag: string }[];
    expect(status[0]).toMatchObject({ state: 'active', lag: '0' });
    expect(BigInt(status[0]?.position ?? '-1')).toBeGreaterThan(0n);
  });

  it('streams tail prints nothing of the history and exits 0 on SIGINT', async () => {
    const child = startCli(['streams', 'tail', '--all', '--json'], { cwd: dir });
    const done = collect(child);
    await new Promise<void>((ready) =>
      child.stderr?.on('data', (chunk: Buffer) => chunk.toString().includes('following') && ready()),
    );
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect((await cli(['streams', 'tail'], { cwd: dir })).code).toBe(2);
  });
});
