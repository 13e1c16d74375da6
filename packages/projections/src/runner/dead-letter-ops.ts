import {
  DeadLetterNotFoundError,
  ProjectionHandlerError,
  ProjectionNotFoundError,
} from '../errors/projection-errors.js';
import { buildKey, type DeadLetter, type ProjectionContext } from '../target/read-model-target.js';
import { letterBuild, type SlotSources } from './open-slot.js';
import type { Slot } from './slot.js';

async function find<Ctx extends ProjectionContext>(
  sources: SlotSources<Ctx>,
  slots: readonly Slot<Ctx>[],
  id: string,
  names: readonly string[],
): Promise<{ slot: Slot<Ctx>; letter: DeadLetter }> {
  const letter = (await sources.target.deadLetters()).find((l) => l.id === id);
  if (!letter) throw new DeadLetterNotFoundError(id);
  const slot = slots.find((s) => buildKey(s.build) === letterBuild(letter));
  if (!slot)
    throw new ProjectionNotFoundError(`${letter.projection} v${letter.version}.${letter.generation}`, names);
  return { slot, letter };
}

/**
 * Applies a dead letter again, in one unit with its removal (out of log order: the projection
 * went on past it). If the handler fails again the letter stays.
 */
export async function retryDeadLetter<Ctx extends ProjectionContext>(
  sources: SlotSources<Ctx>,
  slots: readonly Slot<Ctx>[],
  id: string,
  names: readonly string[],
): Promise<void> {
  const { slot, letter } = await find(sources, slots, id, names);
  try {
    await sources.target.batch(slot.build, sources.checkpoints, async (unit) => {
      await slot.projection.handle(letter.event, unit.context);
      unit.removeDeadLetter(id);
    });
  } catch (error) {
    throw new ProjectionHandlerError(slot.projection.name, letter.event, letter.attempts + 1, error);
  }
  slot.deadLetters = Math.max(0, slot.deadLetters - 1);
}

export async function discardDeadLetter<Ctx extends ProjectionContext>(
  sources: SlotSources<Ctx>,
  slots: readonly Slot<Ctx>[],
  id: string,
  names: readonly string[],
): Promise<void> {
  const { slot } = await find(sources, slots, id, names);
  await sources.target.batch(slot.build, sources.checkpoints, async (unit) => unit.removeDeadLetter(id));
  slot.deadLetters = Math.max(0, slot.deadLetters - 1);
}
