import type { Projection } from '../definition/define-projection.js';
import { ProjectionNotFoundError } from '../errors/projection-errors.js';
import type { BuildRecord, ProjectionContext } from '../target/read-model-target.js';

// The projections a runner was given, where one name may come in several versions.

/** Each projection name once. */
export function projectionNames<Ctx extends ProjectionContext>(
  projections: readonly Projection<Ctx>[],
): string[] {
  return [...new Set(projections.map((p) => p.name))];
}

/** The newest version of the projection `name`; a `ProjectionNotFoundError` when none is called so. */
export function newestProjection<Ctx extends ProjectionContext>(
  projections: readonly Projection<Ctx>[],
  name: string,
): Projection<Ctx> {
  const candidates = projections.filter((p) => p.name === name).sort((a, b) => b.version - a.version);
  const newest = candidates[0];
  if (!newest) throw new ProjectionNotFoundError(name, projectionNames(projections));
  return newest;
}

/** Every event type some projection handles, each once: what the runner reads. */
export function handledTypes<Ctx extends ProjectionContext>(
  projections: readonly Projection<Ctx>[],
): string[] {
  return [...new Set(projections.flatMap((p) => p.eventTypes))];
}

/** The generation of a new build of `version`: one past the highest the target has of it. */
export function nextGeneration(builds: readonly BuildRecord[], version: number): number {
  return Math.max(-1, ...builds.filter((b) => b.version === version).map((b) => b.generation)) + 1;
}
