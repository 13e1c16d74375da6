import { toArray, type EventStore, type RecordedEvent } from '@strata/core';
import { BuildRetiredError, LeaseLostError } from '../errors/projection-errors.js';
import type { ProjectionContext } from '../target/read-model-target.js';
import { deliver, type Delivery } from './deliver.js';
import type { Role } from './lanes.js';
import type { Slot } from './slot.js';

/** What a pass over the log needs from its runner. */
export interface PassSource<Ctx extends ProjectionContext> {
  readonly store: EventStore;
  readonly batchSize: number;
  readonly delivery: Delivery<Ctx>;
  /** The lane's slots that can run now: asked again before each batch and each slot. */
  runnable(): Slot<Ctx>[];
  renewLeases(): Promise<void>;
  /** A position was read: the newest the runner has seen, for lag. */
  see(position: bigint): void;
}

/** The slots a lane runs: its role's builds that are leased and neither failed, retired nor standing by. */
export function runnableSlots<Ctx extends ProjectionContext>(
  slots: readonly Slot<Ctx>[],
  role: Role,
): Slot<Ctx>[] {
  return slots.filter(
    (s) =>
      (s.build.state === 'building') === (role === 'building') &&
      s.leased &&
      s.state !== 'failed' &&
      s.state !== 'retired' &&
      s.state !== 'standby',
  );
}

/**
 * Reads the log once for the lane's slots, batch by batch, up to its current end, and delivers
 * each batch to each slot. False when the runner is stopping (the pass ends there).
 */
export async function passBatches<Ctx extends ProjectionContext>(source: PassSource<Ctx>): Promise<boolean> {
  // The next batch is read while this one commits (a full batch means there may be more).
  let ahead: { from: bigint; batch: Promise<RecordedEvent[]> } | undefined;
  try {
    for (;;) {
      if (source.delivery.stopping()) return false;
      await source.renewLeases();
      const slots = source.runnable();
      if (slots.length === 0) break;
      const from = slots.reduce((min, s) => (s.position < min ? s.position : min), slots[0]!.position) + 1n;
      const eventTypes = [...new Set(slots.flatMap((s) => s.projection.eventTypes))];
      // A read ahead from further on than a slot needs (one resumed meanwhile) is not used.
      const batch = ahead?.from === from ? await ahead.batch : await read(source, from, eventTypes);
      ahead = undefined;
      const last = batch.at(-1);
      if (!last) break;
      source.see(last.position);
      if (batch.length === source.batchSize) {
        ahead = { from: last.position + 1n, batch: read(source, last.position + 1n, eventTypes) };
        ahead.batch.catch(() => undefined); // its error surfaces when it is used
      }
      for (const slot of slots) {
        if (!source.runnable().includes(slot) || slot.position >= last.position) continue;
        slot.state = 'running';
        const events = batch.filter((e) => e.position > slot.position && slot.types.has(e.type));
        await deliverTo(source.delivery, slot, events, last.position);
        if (slot.meter && slot.onProgress)
          slot.onProgress(slot.meter.snapshot(source.delivery.clock.now().getTime()));
      }
      if (batch.length < source.batchSize) break;
    }
  } finally {
    await ahead?.batch.catch(() => undefined);
  }
  return true;
}

function read<Ctx extends ProjectionContext>(
  source: PassSource<Ctx>,
  from: bigint,
  eventTypes: readonly string[],
): Promise<RecordedEvent[]> {
  return toArray(source.store.readAll({ from, filter: { eventTypes }, maxCount: source.batchSize }));
}

/** Delivers a batch to one slot; a lost lease makes it a standby, a newer build retires it. */
async function deliverTo<Ctx extends ProjectionContext>(
  delivery: Delivery<Ctx>,
  slot: Slot<Ctx>,
  events: RecordedEvent[],
  through: bigint,
): Promise<void> {
  try {
    await deliver(delivery, slot, events, through);
  } catch (error) {
    if (error instanceof LeaseLostError) {
      slot.leased = false;
      slot.state = 'standby';
    } else if (error instanceof BuildRetiredError) {
      slot.state = 'retired';
    } else throw error;
  }
}
