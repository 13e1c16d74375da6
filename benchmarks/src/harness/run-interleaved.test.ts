import { describe, expect, it } from 'vitest';
import { runInterleaved } from './run-interleaved.js';
import type { TimedCase } from './timed-case.js';

function recordingCase(name: string, order: string[], verified: string[]): TimedCase {
  return {
    name,
    description: name,
    prepare: async () => async () => {
      order.push(name);
      return { events: 10, verify: () => verified.push(name) };
    },
  };
}

describe('runInterleaved', () => {
  const quiet = { step: () => undefined, done: () => undefined };

  it('runs every case once a round, rotating which goes first, and verifies each run', async () => {
    const order: string[] = [];
    const verified: string[] = [];
    const cases = ['a', 'b', 'c'].map((n) => recordingCase(n, order, verified));
    await runInterleaved(cases, { warmup: 1, rounds: 2 }, quiet);
    expect(order).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(verified).toEqual(order);
  });

  it('keeps warm-up samples, marked, and leaves them out of the summary', async () => {
    const [result] = await runInterleaved([recordingCase('a', [], [])], { warmup: 2, rounds: 3 }, quiet);
    expect(result!.samples.map((s) => s.warmup)).toEqual([true, true, false, false, false]);
    expect(result!.summary.n).toBe(3);
    expect(result!.samples.every((s) => s.events === 10 && s.eventsPerSecond > 0)).toBe(true);
  });

  it('fails the run when a case gives a wrong answer', async () => {
    const wrong: TimedCase = {
      name: 'wrong',
      description: 'wrong',
      prepare: async () => async () => ({
        events: 1,
        verify: () => {
          throw new Error('balance 3, expected 4');
        },
      }),
    };
    await expect(runInterleaved([wrong], { warmup: 0, rounds: 1 }, quiet)).rejects.toThrow(/balance 3/);
  });
});
