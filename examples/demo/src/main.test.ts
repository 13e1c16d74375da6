import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('pnpm demo', () => {
  it.each([['memory:'], ['pglite:']])('narrates every step and exits 0 on %s', async (url) => {
    const { stdout } = await run(
      process.execPath,
      ['--conditions=@strata/source', '--import', 'tsx', 'src/main.ts', '--store', url],
      { cwd: root },
    );
    expect(stdout).toContain(`Strata demo on '${url}'`);
    expect(stdout).toContain('alice earned 450 points: lifetime 550, tier upgraded to silver');
    expect(stdout).toContain('bob cannot redeem 1000 points: DomainError INSUFFICIENT_POINTS');
    expect(stdout).toContain('till 2 hit ConcurrencyError: expected revision 1, stream at 2');
    expect(stdout).toContain('bob now has 130 points');
    expect(stdout).toContain("carol's v1 'points earned' event was upcast on load: balance 30");
    expect(stdout).toContain('acme sees dave: true; globex sees dave: false');
    expect(stdout).toMatch(/11 events in 4 streams; positions 0\.\.10/);
    expect(stdout).toContain('Demo finished.');
  });

  it('exits non-zero with a clear line on a bad store URL', async () => {
    const failure = await run(
      process.execPath,
      ['--conditions=@strata/source', '--import', 'tsx', 'src/main.ts', '--store', 'nope://x'],
      { cwd: root },
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('No event store is registered for');
  });
});
