import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropSchema,
  serverPool,
  SERVER_URL,
  uniqueSchema,
} from '../../postgres/src/test-support/databases.js';
import { seed } from './test-support/loyalty.js';
import { cli, configDir } from './test-support/run-cli.js';

const schema = uniqueSchema('cli');
let dir: string;

beforeAll(async () => {
  await seed(SERVER_URL, schema, 2, 3);
  dir = configDir(SERVER_URL, schema);
}, 60_000);

afterAll(async () => {
  const pool = serverPool(1);
  await dropSchema(pool, schema);
  await pool.end();
});

describe('strata on the PostgreSQL server', () => {
  it('reads streams and stats, and rebuilds a projection', async () => {
    const stats = JSON.parse((await cli(['events', 'stats', '--json'], { cwd: dir })).stdout) as {
      events: number;
    };
    expect(stats.events).toBe(8);
    const read = JSON.parse(
      (await cli(['streams', 'read', 'loyaltyAccount-a-1', '--json'], { cwd: dir })).stdout,
    ) as unknown[];
    expect(read).toHaveLength(4);
    const rebuild = await cli(['projections', 'rebuild', 'loyalty-balances', '--json'], { cwd: dir });
    expect(rebuild.code).toBe(0);
    expect(JSON.parse(rebuild.stdout)).toMatchObject({ name: 'loyalty-balances', processed: 8, total: 8 });
  });

  it('an unreachable store URL is one clear line and exit 1; doctor says what to fix', async () => {
    const result = await cli(['--store', 'postgres://postgres@127.0.0.1:1/test', 'streams', 'list'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('is the database running?');
    const doctor = await cli(['--store', 'postgres://postgres@127.0.0.1:1/test', 'doctor'], { cwd: dir });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/FAIL connection: postgres:\/\/postgres@127\.0\.0\.1:1\/test/);
    expect(doctor.stdout).toContain('fix: start the database');
  });
});
