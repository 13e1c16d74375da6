import { MemoryEventStore } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { fromUserDirectory, runSuffix } from './demo-store.js';

describe('fromUserDirectory', () => {
  it('resolves a relative PGlite directory against the folder pnpm was run from', () => {
    expect(fromUserDirectory('pglite:./data', '/home/me/strata')).toBe('pglite:/home/me/strata/data');
    expect(fromUserDirectory('pglite:data/db', '/home/me/strata')).toBe('pglite:/home/me/strata/data/db');
  });

  it('leaves in-memory PGlite, absolute paths, other stores and a missing INIT_CWD alone', () => {
    expect(fromUserDirectory('pglite:', '/x')).toBe('pglite:');
    expect(fromUserDirectory('pglite:/var/db', '/x')).toBe('pglite:/var/db');
    expect(fromUserDirectory('memory:', '/x')).toBe('memory:');
    expect(fromUserDirectory('postgres://h/db', '/x')).toBe('postgres://h/db');
    expect(fromUserDirectory('pglite:./data', undefined)).toBe('pglite:./data');
  });
});

describe('runSuffix', () => {
  it('is empty on an empty store and names the run on one that holds events', async () => {
    const store = new MemoryEventStore();
    expect(await runSuffix(store, () => 1_000_000)).toBe('');
    await store.append('thing-1', [{ type: 'thing.made', data: {} }]);
    expect(await runSuffix(store, () => 1_000_000)).toBe(`-${(1_000_000).toString(36)}`);
  });
});
