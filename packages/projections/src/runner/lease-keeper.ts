import type { CheckpointStore, Clock } from '@strata/core';
import { checkpointName, type Leases, type ProjectionContext } from '../target/read-model-target.js';
import type { Slot } from './slot.js';

/** Holds a runner's leases: renews them when due, takes lapsed ones, releases them on stop. */
export class LeaseKeeper {
  constructor(
    private readonly leases: Leases | undefined,
    private readonly checkpoints: CheckpointStore,
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly renewEveryMs: number,
  ) {}

  async renew(slots: readonly Slot<ProjectionContext>[]): Promise<void> {
    if (!this.leases) return;
    const now = this.clock.now().getTime();
    for (const slot of slots) {
      if (slot.state === 'retired' || slot.state === 'failed') continue;
      if (slot.leased && now - slot.lastRenewal < this.renewEveryMs) continue;
      const held = await this.leases.acquire(slot.claim, this.ttlMs);
      if (held) slot.lastRenewal = now;
      if (held && !slot.leased) {
        // Taking over: another runner may have moved the checkpoint meanwhile.
        slot.position = (await this.checkpoints.load(checkpointName(slot.build))) ?? -1n;
        if (slot.state === 'standby') slot.state = 'idle';
      }
      if (!held) slot.state = 'standby';
      slot.leased = held;
    }
  }

  async release(slots: readonly Slot<ProjectionContext>[]): Promise<void> {
    if (!this.leases) return;
    for (const slot of slots) {
      if (slot.leased) await this.leases.release(slot.claim);
      slot.leased = false;
    }
  }
}
