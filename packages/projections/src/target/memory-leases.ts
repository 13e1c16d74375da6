import { MemoryLease, systemClock, type Clock } from '@strata/core';

/** Core's `MemoryLease`, made from a clock: the leases of a `MemoryReadModelTarget`. */
export class MemoryLeases extends MemoryLease {
  constructor(clock: Clock = systemClock) {
    super({ clock });
  }
}
