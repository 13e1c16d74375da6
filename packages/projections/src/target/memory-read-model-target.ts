import type { CheckpointStore, Clock } from '@strata/core';
import { systemClock } from '@strata/core';
import { freeze } from 'immer';
import { BuildRetiredError, DocumentNotFoundError, LeaseLostError } from '../errors/projection-errors.js';
import { applyRecipe, type Documents, type ReadDocuments, type Recipe } from './documents.js';
import { MemoryLeases } from './memory-leases.js';
import {
  buildKey,
  checkpointName,
  type BatchUnit,
  type BuildRecord,
  type DeadLetter,
  type LeaseClaim,
  type ProjectionContext,
  type ReadModelTarget,
} from './read-model-target.js';

type Collection = Map<string, unknown>;
const DELETED = Symbol('deleted');
type Staged = Map<string, Map<string, unknown>>;

export interface MemoryReadModelTargetOptions {
  /** The time that leases expire by. */
  readonly clock?: Clock;
}

/**
 * Read models in process memory, for tests and demos. A batch's writes are applied together,
 * then the checkpoint is saved in the runner's checkpoint store: a crash between the two
 * replays the batch, so delivery is at least once and handlers must be idempotent.
 */
export class MemoryReadModelTarget implements ReadModelTarget<ProjectionContext> {
  readonly delivery = 'at-least-once' as const;
  readonly leases: MemoryLeases;
  readonly #builds = new Map<string, BuildRecord[]>();
  readonly #data = new Map<string, Map<string, Collection>>();
  readonly #deadLetters = new Map<string, DeadLetter>();

  constructor(options: MemoryReadModelTargetOptions = {}) {
    this.leases = new MemoryLeases(options.clock ?? systemClock);
  }

  async builds(name: string): Promise<BuildRecord[]> {
    return [...(this.#builds.get(name) ?? [])];
  }

  async createBuild(build: BuildRecord): Promise<void> {
    const builds = this.#builds.get(name(build)) ?? [];
    const active = builds.some((b) => b.state === 'active');
    this.#builds.set(name(build), [
      ...builds.filter((b) => buildKey(b) !== buildKey(build)),
      { ...build, state: active ? build.state : 'active' },
    ]);
    this.#data.set(buildKey(build), new Map());
  }

  async activate(build: BuildRecord): Promise<void> {
    const builds = this.#builds.get(build.name) ?? [];
    this.#builds.set(
      build.name,
      builds.map((b) =>
        buildKey(b) === buildKey(build)
          ? { ...b, state: 'active' }
          : b.state === 'active'
            ? { ...b, state: 'retired' }
            : b,
      ),
    );
  }

  async drop(build: BuildRecord): Promise<void> {
    this.#data.delete(buildKey(build));
    const builds = this.#builds.get(build.name) ?? [];
    this.#builds.set(
      build.name,
      builds.filter((b) => buildKey(b) !== buildKey(build)),
    );
  }

  async batch<T>(
    build: BuildRecord,
    checkpoints: CheckpointStore,
    work: (unit: BatchUnit<ProjectionContext>) => Promise<T>,
    lease?: LeaseClaim,
  ): Promise<T> {
    const record = this.#builds.get(build.name)?.find((b) => buildKey(b) === buildKey(build));
    if (!record || record.state === 'retired')
      throw new BuildRetiredError(build.name, build.version, build.generation);
    const staged: Staged = new Map();
    const added: DeadLetter[] = [];
    const removed: string[] = [];
    let checkpoint: bigint | undefined;
    const data = this.#data.get(buildKey(build)) ?? new Map<string, Collection>();
    const result = await work({
      context: { documents: <D>(collection: string) => stagedDocuments<D>(data, staged, collection) },
      saveCheckpoint: (position) => void (checkpoint = position),
      addDeadLetter: (letter) => void added.push(letter),
      removeDeadLetter: (id) => void removed.push(id),
    });
    if (lease && !this.leases.holds(lease.key, lease.owner)) throw new LeaseLostError(lease.key, lease.owner);
    for (const [collection, changes] of staged) {
      const target = data.get(collection) ?? new Map<string, unknown>();
      data.set(collection, target);
      for (const [id, doc] of changes) {
        if (doc === DELETED) target.delete(id);
        else target.set(id, doc);
      }
    }
    this.#data.set(buildKey(build), data);
    for (const letter of added) this.#deadLetters.set(letter.id, letter);
    for (const id of removed) this.#deadLetters.delete(id);
    if (checkpoint !== undefined) await checkpoints.save(checkpointName(build), checkpoint);
    return result;
  }

  async deadLetters(projection?: string): Promise<DeadLetter[]> {
    return [...this.#deadLetters.values()]
      .filter((letter) => projection === undefined || letter.projection === projection)
      .sort((a, b) => (a.event.position < b.event.position ? -1 : 1));
  }

  documents<T = unknown>(projection: string, collection: string): ReadDocuments<T> {
    const current = (): Collection | undefined => {
      const active = this.#builds.get(projection)?.find((b) => b.state === 'active');
      return active ? this.#data.get(buildKey(active))?.get(collection) : undefined;
    };
    return {
      get: async (id) => current()?.get(id) as T | undefined,
      find: async (predicate) =>
        [...(current() ?? new Map<string, unknown>()).entries()]
          .filter(([id, doc]) => predicate(doc as T, id))
          .map(([, doc]) => doc as T),
      count: async () => current()?.size ?? 0,
    };
  }
}

function name(build: BuildRecord): string {
  return build.name;
}

function stagedDocuments<T>(data: Map<string, Collection>, staged: Staged, collection: string): Documents<T> {
  const changes = (): Map<string, unknown> => {
    let map = staged.get(collection);
    if (!map) staged.set(collection, (map = new Map<string, unknown>()));
    return map;
  };
  const read = (id: string): T | undefined => {
    const change = staged.get(collection)?.get(id);
    if (change === DELETED) return undefined;
    return (change ?? data.get(collection)?.get(id)) as T | undefined;
  };
  const entries = (): [string, T][] => {
    const ids = new Set([...(data.get(collection)?.keys() ?? []), ...(staged.get(collection)?.keys() ?? [])]);
    return [...ids].flatMap((id) => {
      const doc = read(id);
      return doc === undefined ? [] : [[id, doc] as [string, T]];
    });
  };
  return {
    get: async (id) => read(id),
    find: async (predicate) =>
      entries()
        .filter(([id, doc]) => predicate(doc, id))
        .map(([, doc]) => doc),
    count: async () => entries().length,
    // A JSON round trip: the read model holds what a database would, never the caller's objects.
    set: async (id, doc) => void changes().set(id, freeze(JSON.parse(JSON.stringify(doc)) as T, true)),
    update: async (id, recipe: Recipe<T>) => {
      const current = read(id);
      if (current === undefined) throw new DocumentNotFoundError(collection, id);
      changes().set(id, freeze(applyRecipe(current, recipe), true));
    },
    delete: async (id) => void changes().set(id, DELETED),
  };
}
