import { describe, expect, it } from 'vitest';
import { inShiftedEnvironment } from './shifted-environment.js';

const read = () => ({
  now: Date.now(),
  date: new Date().getTime(),
  text: Date(),
  random: Math.random(),
  perf: performance.now(),
  parsed: new Date('2020-01-01T00:00:00Z').getTime(),
});

describe('inShiftedEnvironment', () => {
  it('gives each variant its own clock and randomness, the same each time', () => {
    const first = inShiftedEnvironment(1, read);
    const second = inShiftedEnvironment(2, read);
    expect(first.now).not.toBe(second.now);
    expect(first.date).toBe(first.now);
    expect(first.text).not.toBe(second.text);
    expect(first.random).not.toBe(second.random);
    expect(first.perf).not.toBe(second.perf);
    expect(first.parsed).toBe(Date.UTC(2020, 0, 1));
    expect(inShiftedEnvironment(1, read).random).toBe(first.random);
  });

  it('restores the real globals, also when fn throws', () => {
    const RealDate = Date;
    const realRandom = Math.random;
    expect(() =>
      inShiftedEnvironment(1, () => {
        expect(new Date()).toBeInstanceOf(RealDate);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Date).toBe(RealDate);
    expect(Math.random).toBe(realRandom);
    expect(Object.prototype.hasOwnProperty.call(performance, 'now')).toBe(false);
  });
});
