import type { CheckpointStore, Lease, RecordedEvent } from '@strata/core';
import type { Documents, ReadDocuments } from './documents.js';

/** What every handler gets besides its event, whatever the target. */
export interface ProjectionContext {
  /** A collection of this projection build's documents. */
  readonly documents: <T = unknown>(collection: string) => Documents<T>;
}

/**
 * One build of a projection: a version built from position 0 into its own documents and
 * tables. Rebuilding (a bumped version or `rebuild()`) makes a new build beside the active one.
 */
export interface BuildRecord {
  readonly name: string;
  readonly version: number;
  /** 0 for a version's first build, one more for every `rebuild()` of the same version. */
  readonly generation: number;
  /** `building` until caught up, then `active` (serving reads); the one it replaced is `retired`. */
  readonly state: 'building' | 'active' | 'retired';
}

export interface StoredError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
}

/** An event a projection kept failing on, parked with its error. */
export interface DeadLetter {
  readonly id: string;
  readonly projection: string;
  readonly version: number;
  readonly generation: number;
  readonly event: RecordedEvent;
  readonly error: StoredError;
  readonly attempts: number;
  readonly failedAt: Date;
}

/** What a batch may do besides its handlers' writes; it all commits together (or not at all). */
export interface BatchUnit<Ctx> {
  readonly context: Ctx;
  saveCheckpoint(position: bigint): void;
  addDeadLetter(letter: DeadLetter): void;
  removeDeadLetter(id: string): void;
}

export interface LeaseClaim {
  readonly key: string;
  readonly owner: string;
}

/** One active runner per projection build across processes: core's `Lease` port (the name stays). */
export type Leases = Lease;

/**
 * Where read models live. A target keeps the projection builds, their documents and dead
 * letters, and runs a batch as a unit: writes, checkpoint and dead letters land together.
 */
export interface ReadModelTarget<Ctx extends ProjectionContext = ProjectionContext> {
  /** `exactly-once` when a batch's writes and its checkpoint commit in one transaction. */
  readonly delivery: 'exactly-once' | 'at-least-once';
  /** The checkpoint store the target commits with its writes, when it has one. */
  readonly checkpoints?: CheckpointStore;
  /** The target's own leases (key = a build's claim): `batch` fences its commit with them. */
  readonly leases?: Lease;
  builds(name: string): Promise<BuildRecord[]>;
  /** Records a new build and makes its documents and tables; `active` if nothing serves yet. */
  createBuild(build: BuildRecord): Promise<void>;
  /** Atomically makes `build` the one reads see; the previously active build becomes retired. */
  activate(build: BuildRecord): Promise<void>;
  /** Drops a retired build's documents and tables. */
  drop(build: BuildRecord): Promise<void>;
  /**
   * Runs `work` as one unit. `lease`, when given, must still be held at commit (fencing): if
   * it is not, nothing commits and the call rejects with `LeaseLostError`.
   */
  batch<T>(
    build: BuildRecord,
    checkpoints: CheckpointStore,
    work: (unit: BatchUnit<Ctx>) => Promise<T>,
    lease?: LeaseClaim,
  ): Promise<T>;
  deadLetters(name?: string): Promise<DeadLetter[]>;
  /** The active build's documents of `collection` (what serving code reads). */
  documents<T = unknown>(projection: string, collection: string): ReadDocuments<T>;
  /** How many events from `from` on have one of these types, when the target can tell cheaply. */
  countEvents?(from: bigint, eventTypes: readonly string[]): Promise<bigint>;
}

/** The checkpoint name of a build: each build resumes from its own. */
export function checkpointName(build: Pick<BuildRecord, 'name' | 'version' | 'generation'>): string {
  return `projection:${build.name}:v${build.version}.${build.generation}`;
}

export function buildKey(build: Pick<BuildRecord, 'name' | 'version' | 'generation'>): string {
  return `${build.name}@v${build.version}.${build.generation}`;
}
