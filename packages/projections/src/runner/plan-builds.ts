import type { Projection } from '../definition/define-projection.js';
import type { BuildRecord, ProjectionContext } from '../target/read-model-target.js';

export interface BuildPlan<Ctx extends ProjectionContext> {
  /** The builds to run, and whether each must be created first. */
  readonly open: { projection: Projection<Ctx>; build: BuildRecord; create: boolean }[];
  /** Definitions this runner will not run: a newer version serves or is being built. */
  readonly retired: Projection<Ctx>[];
}

/**
 * Decides what a runner runs for one projection name, given the definitions it was given
 * (possibly several versions) and the builds the target has: the active build when a
 * definition matches its version; a new build (or the unfinished one) for a newer version.
 */
export function planBuilds<Ctx extends ProjectionContext>(
  definitions: readonly Projection<Ctx>[],
  builds: readonly BuildRecord[],
): BuildPlan<Ctx> {
  const sorted = [...definitions].sort((a, b) => b.version - a.version);
  const newest = sorted[0];
  const plan: BuildPlan<Ctx> = { open: [], retired: [] };
  if (!newest) return plan;
  const { name } = newest;
  const active = builds.find((b) => b.state === 'active');
  for (const projection of definitions) {
    if (active && projection.version === active.version)
      plan.open.push({ projection, build: active, create: false });
    else if (!active && projection === newest)
      plan.open.push({
        projection,
        build: { name, version: projection.version, generation: 0, state: 'active' },
        create: true,
      });
    else if (projection !== newest || (active && active.version > projection.version))
      plan.retired.push(projection);
  }
  if (active && active.version > newest.version) return plan;
  // A build of the newest version that is not active yet: resume it, or start one.
  const building = builds
    .filter((b) => b.state === 'building' && b.version === newest.version)
    .sort((a, b) => b.generation - a.generation)[0];
  if (building) plan.open.push({ projection: newest, build: building, create: false });
  else if (active && active.version < newest.version)
    plan.open.push({
      projection: newest,
      build: { name, version: newest.version, generation: 0, state: 'building' },
      create: true,
    });
  return plan;
}
