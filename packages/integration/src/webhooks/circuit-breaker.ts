import { systemClock, type Clock } from '@strata/core';
import { CircuitOpenError, IntegrationOptionError } from '../errors/integration-errors.js';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  readonly failureThreshold?: number;
  /** How long it stays open before one trial request is let through. Default 30 s. */
  readonly cooldownMs?: number;
  readonly clock?: Clock;
}

interface Circuit {
  state: CircuitState;
  failures: number;
  openedAt: number;
  trialInFlight: boolean;
}

/**
 * One circuit per endpoint: after `failureThreshold` failures in a row no request is made
 * until the cool-down has passed; then one trial goes through, and its outcome closes the
 * circuit or opens it for another cool-down.
 */
export class CircuitBreaker {
  readonly #circuits = new Map<string, Circuit>();
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #clock: Clock;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#threshold = options.failureThreshold ?? 5;
    this.#cooldownMs = options.cooldownMs ?? 30_000;
    if (!Number.isInteger(this.#threshold) || this.#threshold < 1)
      throw new IntegrationOptionError('failureThreshold', 'must be an integer >= 1');
    if (!(this.#cooldownMs >= 0)) throw new IntegrationOptionError('cooldownMs', 'must be >= 0');
    this.#clock = options.clock ?? systemClock;
  }

  state(endpoint: string): CircuitState {
    const circuit = this.#circuits.get(endpoint);
    if (!circuit) return 'closed';
    if (circuit.state === 'open' && this.#cooledDown(circuit)) return 'half_open';
    return circuit.state;
  }

  /** Before a request: throws `CircuitOpenError` when none may be made now. */
  enter(endpoint: string): void {
    const circuit = this.#circuits.get(endpoint);
    if (!circuit || circuit.state === 'closed') return;
    if (circuit.state === 'open' && this.#cooledDown(circuit)) circuit.state = 'half_open';
    if (circuit.state === 'half_open' && !circuit.trialInFlight) {
      circuit.trialInFlight = true;
      return;
    }
    throw new CircuitOpenError(endpoint, new Date(circuit.openedAt + this.#cooldownMs));
  }

  success(endpoint: string): void {
    this.#circuits.delete(endpoint);
  }

  failure(endpoint: string): void {
    const circuit = this.#circuits.get(endpoint) ?? {
      state: 'closed',
      failures: 0,
      openedAt: 0,
      trialInFlight: false,
    };
    circuit.failures++;
    circuit.trialInFlight = false;
    if (circuit.state === 'half_open' || circuit.failures >= this.#threshold) {
      circuit.state = 'open';
      circuit.openedAt = this.#clock.now().getTime();
    }
    this.#circuits.set(endpoint, circuit);
  }

  /** Milliseconds until an open circuit lets a trial through (0 when it would now). */
  waitMs(endpoint: string): number {
    const circuit = this.#circuits.get(endpoint);
    if (!circuit || circuit.state !== 'open') return 0;
    return Math.max(0, circuit.openedAt + this.#cooldownMs - this.#clock.now().getTime());
  }

  #cooledDown(circuit: Circuit): boolean {
    return this.#clock.now().getTime() - circuit.openedAt >= this.#cooldownMs;
  }
}
