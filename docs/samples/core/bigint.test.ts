import { MemoryEventStore, steppingClock, toArray } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { arithmetic, fromJson, toJson } from './bigint.js';

describe('core: bigint positions and revisions', () => {
  it('round-trips a recorded event through JSON explicitly', async () => {
    const store = new MemoryEventStore({ clock: steppingClock() });
    await store.append('s-1', [
      { type: 't', data: {} },
      { type: 't', data: { n: 1 } },
    ]);
    const [, second] = await toArray(store.readAll());
    expect(() => JSON.stringify(second)).toThrow(/BigInt/);
    const text = toJson(second!);
    expect(text).toContain('"position":"1"');
    expect(text).toContain('"recordedAt":"2024-01-01T00:00:00.000Z"');
    expect(fromJson(text)).toEqual(second);
  });

  it('resumes after a checkpoint', () => {
    expect(arithmetic(undefined).from).toBe(0n);
    const { from, isNew, behind } = arithmetic(41n);
    expect(from).toBe(42n);
    expect(behind).toBe(958n);
    expect(isNew(-1n)).toBe(true);
  });
});
