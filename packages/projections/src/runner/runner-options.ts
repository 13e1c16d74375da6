import type { CheckpointStore, Clock, EventStore, Lease, Random } from '@strata/core';
import type { Projection } from '../definition/define-projection.js';
import { ProjectionConfigError } from '../errors/projection-errors.js';
import type { ProjectionContext, ReadModelTarget } from '../target/read-model-target.js';
import type { RebuildProgress } from './progress.js';
import type { ProjectionMetrics } from './slot.js';

export interface LeaseOptions {
  /**
   * Where the leases live: any `Lease` (`PostgresLease` from `@strata/postgres`, `MemoryLease`).
   * Default the target's own, which also fence each batch's commit inside its transaction; with
   * another lease a batch commits only while the last renewal is younger than `ttlMs`.
   */
  readonly leases?: Lease;
  /** How long a lease lasts without renewal; a standby takes over after it. Default 10 s. */
  readonly ttlMs?: number;
  /** How often a runner renews its leases and a standby tries to take them. Default ttl / 5. */
  readonly renewEveryMs?: number;
  /** This runner's identity in the leases. Default a random UUID. */
  readonly owner?: string;
}

export interface ProjectionRunnerOptions<Ctx extends ProjectionContext> {
  readonly store: EventStore;
  /** Where checkpoints live; a target that commits them with its writes brings its own. */
  readonly checkpoints?: CheckpointStore;
  readonly target: ReadModelTarget<Ctx>;
  readonly projections: readonly Projection<Ctx>[];
  /** Events read from the log per batch. Default 500. */
  readonly batchSize?: number;
  readonly lease?: LeaseOptions;
  readonly metrics?: ProjectionMetrics;
  readonly clock?: Clock;
  /** Jitter for retry delays. */
  readonly random?: Random;
  /** How retries wait (inject an instant one in tests). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RebuildOptions {
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/** Checks what cannot work before anything runs; gives the checkpoint store and batch size to use. */
export function checkOptions<Ctx extends ProjectionContext>(
  options: ProjectionRunnerOptions<Ctx>,
): { checkpoints: CheckpointStore; batchSize: number } {
  const { target, checkpoints } = options;
  if (target.checkpoints && checkpoints && checkpoints !== target.checkpoints)
    throw new ProjectionConfigError(
      'the target commits checkpoints with its writes: pass its own checkpoint store (or none), not another one',
    );
  const chosen = target.checkpoints ?? checkpoints;
  if (!chosen) throw new ProjectionConfigError('give a checkpoint store (options.checkpoints)');
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new ProjectionConfigError(`batchSize must be a positive integer, got ${batchSize}`);
  const seen = new Set<string>();
  for (const projection of options.projections) {
    const key = `${projection.name}@v${projection.version}`;
    if (seen.has(key))
      throw new ProjectionConfigError(`given twice with version ${projection.version}`, projection.name);
    seen.add(key);
  }
  return { checkpoints: chosen, batchSize };
}
