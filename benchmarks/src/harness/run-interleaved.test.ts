import { describe, expect, it } from 'vitest';
import { runInterleaved } from './run-interleaved.js';
import type { TimedCase } from './timed-case.js';

function recordingCase(name: string, order: string[], verified: string[]): TimedCase {
  return {
    name,
    description: name,
    prepare: async () => async () => {
      order.push(name);
      return {
        events: 10,
        verify: () => {
          verified.push(name);
        },
      };
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

  it('summarises on the chosen clock and keeps both', async () => {
    const plan = { warmup: 0, rounds: 1, basis: 'wall' } as const;
    const [result] = await runInterleaved([recordingCase('a', [], [])], plan, quiet);
    const [sample] = result!.samples;
    expect(result!.basis).toBe('wall');
    expect(result!.summary.median).toBe(sample!.wallEventsPerSecond);
    expect(result!.cpuSummary.median).toBe(sample!.eventsPerSecond);
  });

  it('disposes of every run, a failed one too', async () => {
    const disposed: string[] = [];
    const disposing = (name: string, ok: boolean): TimedCase => ({
      name,
      description: name,
      prepare: async () => async () => ({
        events: 1,
        verify: () => {
          if (!ok) throw new Error(`${name} was wrong`);
        },
        dispose: async () => {
          disposed.push(name);
        },
      }),
    });
    await runInterleaved([disposing('good', true)], { warmup: 1, rounds: 1 }, quiet);
    expect(disposed).toEqual(['good', 'good']);
    await expect(runInterleaved([disposing('bad', false)], { warmup: 0, rounds: 1 }, quiet)).rejects.toThrow(
      /bad was wrong/,
    );
    expect(disposed).toEqual(['good', 'good', 'bad']);
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
