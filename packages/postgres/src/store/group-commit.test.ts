import type { AppendResult, PreparedEvent } from '@strata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatchedAppend } from './append.js';
import { GroupCommit, MAX_GROUP_APPENDS, MAX_GROUP_EVENTS } from './group-commit.js';

const events = (n: number) => Array.from({ length: n }, () => ({}) as PreparedEvent);
const append = (streamId: string, n = 1): BatchedAppend => ({
  streamId,
  prepared: events(n),
  expected: 'any',
});
const resultOf = (i: number): AppendResult => ({ nextExpectedRevision: 0n, position: BigInt(i) });

/** A writer that records its groups and answers when told to. */
function recorder() {
  const groups: string[][] = [];
  const gates: Array<() => void> = [];
  let position = 0;
  const write = async (group: readonly BatchedAppend[]) => {
    groups.push(group.map((a) => a.streamId));
    await new Promise<void>((resolve) => gates.push(resolve));
    return group.map(() => ({ result: resultOf(position++) }));
  };
  const openNext = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()!();
  };
  return { groups, write, openNext };
}

describe('GroupCommit', () => {
  it('sends a lone append at once, and groups what queues while a write is in flight', async () => {
    const { groups, write, openNext } = recorder();
    const commit = new GroupCommit(write);
    const first = commit.append(append('a'));
    expect(groups).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((s) => commit.append(append(s)));
    await openNext();
    expect((await first).position).toBe(0n);
    await openNext();
    expect(groups).toEqual([['a'], ['b', 'c', 'd']]);
    expect((await Promise.all(rest)).map((r) => r.position)).toEqual([1n, 2n, 3n]);
  });

  it('settles each append of a group with its own outcome', async () => {
    const commit = new GroupCommit(async (group) =>
      group.map((a, i) =>
        a.streamId === 'bad' ? { error: new Error('declined') } : { result: resultOf(i) },
      ),
    );
    const outcomes = await Promise.allSettled(['x', 'bad', 'y'].map((s) => commit.append(append(s))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('rejects a whole group when its write throws, and goes on with the next', async () => {
    let calls = 0;
    const commit = new GroupCommit(async (group) => {
      if (calls++ === 0) throw new Error('connection refused');
      return group.map((_, i) => ({ result: resultOf(i) }));
    });
    await expect(commit.append(append('a'))).rejects.toThrow('connection refused');
    await expect(commit.append(append('b'))).resolves.toMatchObject({ position: 0n });
  });

  it('keeps arrival order and the limits: every append once, groups within bounds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 3_000 }), { minLength: 1, maxLength: 150 }),
        async (sizes) => {
          const seen: BatchedAppend[][] = [];
          const commit = new GroupCommit(async (group) => {
            seen.push([...group]);
            await new Promise((resolve) => setImmediate(resolve));
            return group.map((_, i) => ({ result: resultOf(i) }));
          });
          await Promise.all(sizes.map((n, i) => commit.append(append(`s-${i}`, n))));
          expect(seen.flat().map((a) => a.streamId)).toEqual(sizes.map((_, i) => `s-${i}`));
          for (const group of seen) {
            expect(group.length).toBeLessThanOrEqual(MAX_GROUP_APPENDS);
            const total = group.reduce((sum, a) => sum + a.prepared.length, 0);
            // A single append larger than the limit still goes, alone.
            if (group.length > 1) expect(total).toBeLessThanOrEqual(MAX_GROUP_EVENTS);
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
