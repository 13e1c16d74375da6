import type { CheckpointStore, Clock, EventStore } from '@strata/core';
import type { Projection } from '../definition/define-projection.js';
import {
  buildKey,
  checkpointName,
  type BuildRecord,
  type DeadLetter,
  type ProjectionContext,
  type ReadModelTarget,
} from '../target/read-model-target.js';
import { ProgressMeter } from './progress.js';
import type { Slot } from './slot.js';

export interface SlotSources<Ctx extends ProjectionContext> {
  readonly store: EventStore;
  readonly target: ReadModelTarget<Ctx>;
  readonly checkpoints: CheckpointStore;
  readonly clock: Clock;
  readonly owner: string;
  readonly useLeases: boolean;
}

/**
 * Makes a slot for one build (creating the build first when asked): its checkpoint, its dead
 * letters, its progress when it is being built, and the projection's `setup` run once.
 */
export async function openSlot<Ctx extends ProjectionContext>(
  sources: SlotSources<Ctx>,
  projection: Projection<Ctx>,
  build: BuildRecord,
  create: boolean,
): Promise<Slot<Ctx>> {
  const { target, checkpoints } = sources;
  if (create) {
    await target.createBuild(build);
    build = (await target.builds(build.name)).find((b) => buildKey(b) === buildKey(build)) ?? build;
  }
  const position = (await checkpoints.load(checkpointName(build))) ?? -1n;
  const letters = await target.deadLetters(build.name);
  const slot: Slot<Ctx> = {
    projection,
    build,
    types: new Set(projection.eventTypes),
    claim: { key: buildKey(build), owner: sources.owner },
    position,
    state: 'idle',
    leased: !sources.useLeases,
    lastRenewal: 0,
    deadLetters: letters.filter((l) => letterBuild(l) === buildKey(build)).length,
    error: undefined,
    meter: undefined,
    onProgress: undefined,
  };
  if (build.state === 'building') {
    const total = Number(await countEvents(sources, 0n, projection.eventTypes));
    const left =
      position < 0n ? total : Number(await countEvents(sources, position + 1n, projection.eventTypes));
    slot.meter = new ProgressMeter(total, total - left, sources.clock.now().getTime());
  }
  await target.batch(build, checkpoints, (unit) => projection.setup(unit.context));
  return slot;
}

/** Events of these types from `from` on: the target counts them when it can, else we read. */
async function countEvents(
  { target, store }: SlotSources<ProjectionContext>,
  from: bigint,
  eventTypes: readonly string[],
): Promise<bigint> {
  if (target.countEvents) return target.countEvents(from, eventTypes);
  let count = 0n;
  for await (const _event of store.readAll({ from, filter: { eventTypes } })) count++;
  return count;
}

/** The build key a dead letter belongs to. */
export function letterBuild(letter: DeadLetter): string {
  return buildKey({ name: letter.projection, version: letter.version, generation: letter.generation });
}
