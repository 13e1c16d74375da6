import type { CheckpointStore, Clock } from '@strata/core';
import { checkpointName, type ProjectionContext, type ReadModelTarget } from '../target/read-model-target.js';
import type { LeaseKeeper } from './lease-keeper.js';
import type { Slot } from './slot.js';

/** What switching reads to a rebuilt build needs from its runner. */
export interface Switchover<Ctx extends ProjectionContext> {
  readonly target: ReadModelTarget<Ctx>;
  readonly checkpoints: CheckpointStore;
  readonly clock: Clock;
  readonly leases: LeaseKeeper;
  /** The runner's slots as they are now. */
  slots(): Slot<Ctx>[];
  /** Keeps only these slots: a switch drops the ones it replaced. */
  keepSlots(slots: Slot<Ctx>[]): void;
  /** After each switch (the runner wakes its active lane up). */
  switched(): void;
}

/** Switches reads to each building slot that is caught up, and drops what it replaced. */
export async function switchCaughtUp<Ctx extends ProjectionContext>(
  switchover: Switchover<Ctx>,
  caughtUp: readonly Slot<Ctx>[],
): Promise<void> {
  for (const slot of caughtUp) {
    await switchover.target.activate(slot.build);
    const replaced = switchover.slots().filter((s) => s.projection.name === slot.build.name && s !== slot);
    slot.build = { ...slot.build, state: 'active' };
    const progress = slot.meter?.snapshot(switchover.clock.now().getTime());
    if (progress && slot.onProgress) slot.onProgress(progress);
    for (const old of replaced) {
      if (old.leased) await switchover.leases.lease?.release(old.claim.key, old.claim.owner);
    }
    switchover.keepSlots(switchover.slots().filter((s) => !replaced.includes(s)));
    await dropRetired(switchover.target, switchover.checkpoints, slot.build.name);
    switchover.switched();
  }
}

/** Drops the builds that a switch replaced (also those a crash after a switch left behind). */
export async function dropRetired<Ctx extends ProjectionContext>(
  target: ReadModelTarget<Ctx>,
  checkpoints: CheckpointStore,
  name: string,
): Promise<void> {
  for (const build of await target.builds(name)) {
    if (build.state !== 'retired') continue;
    await target.drop(build);
    await checkpoints.delete(checkpointName(build));
  }
}
