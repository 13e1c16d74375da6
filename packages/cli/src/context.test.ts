import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryEventStore } from '@strata/core';
import { CliContext } from './context.js';
import { closeWithin } from './store/store-adapters.js';

function configWithTarget(closeBody: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-cli-context-'));
  writeFileSync(
    join(dir, 'strata.config.mjs'),
    `globalThis.closed = 0;\n` +
      `export default { store: 'memory:', target: () => ({ close: () => { ${closeBody} } }) };\n`,
  );
  return dir;
}

describe('CliContext.close', () => {
  it("closes the config's target once, the one every command call shares", async () => {
    const ctx = await CliContext.open(
      {},
      configWithTarget('globalThis.closed += 1; return Promise.resolve();'),
    );
    expect(ctx.target()).toBe(ctx.target());
    await ctx.close();
    expect((globalThis as { closed?: number }).closed).toBe(1);
  });
});

describe('closeWithin (how the CLI closes an EventStoreDB store)', () => {
  it('gives up on a close that never settles, so the command still ends with its exit code', async () => {
    const store = new MemoryEventStore();
    store.close = () => new Promise<void>(() => undefined);
    const started = Date.now();
    await closeWithin(store, 50);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('waits for a close that settles, and passes its failure on', async () => {
    const store = new MemoryEventStore();
    let closed = false;
    store.close = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      closed = true;
    };
    await closeWithin(store, 5000);
    expect(closed).toBe(true);
    store.close = () => Promise.reject(new Error('socket gone'));
    await expect(closeWithin(store, 5000)).rejects.toThrow('socket gone');
  });
});
