import { describe, expect, it } from 'vitest';
import { CircuitOpenError } from '../errors/integration-errors.js';
import { CircuitBreaker } from './circuit-breaker.js';

describe('circuit breaker', () => {
  it('opens at the threshold, lets exactly one trial through after the cool-down, and keeps endpoints apart', () => {
    let now = 0;
    const breaker = new CircuitBreaker({
      failureThreshold: 3,
      cooldownMs: 1000,
      clock: { now: () => new Date(now) },
    });
    breaker.failure('a');
    breaker.failure('a');
    breaker.success('a');
    breaker.failure('a');
    breaker.failure('a');
    expect(breaker.state('a')).toBe('closed');
    breaker.failure('a');
    expect(breaker.state('a')).toBe('open');
    expect(() => breaker.enter('a')).toThrow(CircuitOpenError);
    expect(() => breaker.enter('b')).not.toThrow();
    now = 400;
    expect(breaker.waitMs('a')).toBe(600);
    now = 1000;
    expect(breaker.state('a')).toBe('half_open');
    breaker.enter('a');
    // A second caller during the trial is refused.
    expect(() => breaker.enter('a')).toThrow(CircuitOpenError);
    breaker.success('a');
    expect(breaker.state('a')).toBe('closed');
    breaker.enter('a');
  });

  it('a failed trial opens the circuit for another full cool-down', () => {
    let now = 0;
    const breaker = new CircuitBreaker({
      failureThreshold: 1,
      cooldownMs: 1000,
      clock: { now: () => new Date(now) },
    });
    breaker.failure('a');
    now = 1000;
    breaker.enter('a');
    breaker.failure('a');
    expect(breaker.state('a')).toBe('open');
    now = 1999;
    expect(breaker.state('a')).toBe('open');
    now = 2000;
    expect(breaker.state('a')).toBe('half_open');
  });
});
