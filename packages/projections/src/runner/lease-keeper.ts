import type { CheckpointStore, Clock, Lease } from '@strata/core';
import { checkpointName, type ProjectionContext } from '../target/read-model-target.js';
import type { Slot } from './slot.js';

/** Holds a runner's leases: renews them when due, takes lapsed ones, releases them on stop. */
export class LeaseKeeper {
  constructor(
    readonly lease: Lease | undefined,
    private readonly checkpoints: CheckpointStore,
    private readonly clock: Clock,
    readonly ttlMs: number,
    private readonly renewEveryMs: number,
  ) {}

  async renew(slots: readonly Slot<ProjectionContext>[]): Promise<void> {
    if (!this.lease) return;
    const now = this.clock.now().getTime();
    for (const slot of slots) {
      if (slot.state === 'retired' || slot.state === 'failed') continue;
      if (slot.leased && now - slot.lastRenewal < this.renewEveryMs) continue;
      const { key, owner } = slot.claim;
      // A holder renews (which fails once the lease lapsed); a standby asks for a free one.
      const held = slot.leased
        ? await this.lease.renew(key, owner, this.ttlMs)
        : await this.lease.acquire(key, owner, this.ttlMs);
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

  /**
   * True while the slot's last renewal is younger than the time-to-live by the runner's clock:
   * what fences a commit when the lease is not the target's own.
   */
  current(slot: Slot<ProjectionContext>): boolean {
    return this.clock.now().getTime() - slot.lastRenewal < this.ttlMs;
  }

  async release(slots: readonly Slot<ProjectionContext>[]): Promise<void> {
    if (!this.lease) return;
    for (const slot of slots) {
      if (slot.leased) await this.lease.release(slot.claim.key, slot.claim.owner);
      slot.leased = false;
    }
  }
}
