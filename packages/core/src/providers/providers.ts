import { systemClock, type Clock } from './clock.js';
import { randomIds, type IdGenerator } from './ids.js';
import { mathRandom, type Random } from './random.js';

/** The injectable sources of time, ids and randomness. */
export interface Providers {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly random: Random;
}

export function resolveProviders(given: Partial<Providers> = {}): Providers {
  return {
    clock: given.clock ?? systemClock,
    ids: given.ids ?? randomIds,
    random: given.random ?? mathRandom,
  };
}
