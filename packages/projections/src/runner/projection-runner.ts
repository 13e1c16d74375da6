import { randomUUID } from 'node:crypto';
import {
  mathRandom,
  systemClock,
  timerSleep,
  type CheckpointStore,
  type EventStore,
  type Subscription,
} from '@strata/core';
import type { Projection } from '../definition/define-projection.js';
import { ProjectionConfigError } from '../errors/projection-errors.js';
import type {
  BuildRecord,
  DeadLetter,
  ProjectionContext,
  ReadModelTarget,
} from '../target/read-model-target.js';
import { passBatches, runnableSlots } from './batch-pass.js';
import { dropRetired, switchCaughtUp, type Switchover } from './build-switch.js';
import type { Delivery } from './deliver.js';
import { Lanes, type Role } from './lanes.js';
import { LeaseKeeper } from './lease-keeper.js';
import { discardDeadLetter, retryDeadLetter } from './dead-letter-ops.js';
import { openSlot, type SlotSources } from './open-slot.js';
import { planBuilds } from './plan-builds.js';
import type { RebuildProgress } from './progress.js';
import { handledTypes, newestProjection, nextGeneration, projectionNames } from './projection-set.js';
import { checkOptions, type ProjectionRunnerOptions, type RebuildOptions } from './runner-options.js';
import { retiredStatus, statusOf, type ProjectionStatus, type Slot } from './slot.js';

/**
 * Runs projections: one read of the log (filtered to the types they handle) feeds them all in
 * batches, each from its own checkpoint. Builds that are being rebuilt read on their own, so
 * the active builds stay live meanwhile.
 */
export class ProjectionRunner<Ctx extends ProjectionContext = ProjectionContext> {
  readonly #store: EventStore;
  readonly #target: ReadModelTarget<Ctx>;
  readonly #checkpoints: CheckpointStore;
  readonly #projections: readonly Projection<Ctx>[];
  readonly #batchSize: number;
  readonly #renewEveryMs: number;
  readonly #leases: LeaseKeeper;
  readonly #sources: SlotSources<Ctx>;
  readonly #delivery: Delivery<Ctx>;
  readonly #lanes: Lanes;
  readonly #switchover: Switchover<Ctx>;
  #slots: Slot<Ctx>[] = [];
  #retired: Projection<Ctx>[] = [];
  #ready: Promise<void> | undefined;
  #head = -1n;
  #started = false;
  #stopping = false;
  #subscription: Subscription | undefined;
  #pump: Promise<void> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: ProjectionRunnerOptions<Ctx>) {
    const { target } = options;
    const { checkpoints: chosen, batchSize } = checkOptions(options);
    this.#store = options.store;
    this.#target = target;
    this.#checkpoints = chosen;
    this.#projections = options.projections;
    this.#batchSize = batchSize;
    const ttlMs = options.lease?.ttlMs ?? 10_000;
    const leases = options.lease?.leases ?? target.leases;
    this.#renewEveryMs = options.lease?.renewEveryMs ?? Math.max(1, Math.floor(ttlMs / 5));
    this.#delivery = {
      target,
      checkpoints: chosen,
      clock: options.clock ?? systemClock,
      random: options.random ?? mathRandom,
      sleep: options.sleep ?? timerSleep,
      metrics: options.metrics ?? {},
      useLeases: leases !== undefined,
      fenced: leases !== undefined && leases === target.leases,
      leaseCurrent: (slot) => this.#leases.current(slot),
      head: () => this.#head,
      stopping: () => this.#stopping,
    };
    this.#sources = {
      store: options.store,
      target,
      checkpoints: chosen,
      clock: this.#delivery.clock,
      owner: options.lease?.owner ?? randomUUID(),
      useLeases: leases !== undefined,
    };
    this.#lanes = new Lanes((role) => this.#pass(role));
    this.#leases = new LeaseKeeper(leases, chosen, this.#delivery.clock, ttlMs, this.#renewEveryMs);
    this.#switchover = {
      target,
      checkpoints: chosen,
      clock: this.#delivery.clock,
      leases: this.#leases,
      slots: () => this.#slots,
      keepSlots: (slots) => {
        this.#slots = slots;
      },
      switched: () => {
        // Events that arrived while it switched are the active lane's now.
        if (this.#started) this.#lanes.kick('active', this.#onBackgroundError);
      },
    };
  }

  /** Processes every projection up to the log's current end, then resolves (a rebuild finishes and switches). */
  async catchUp(): Promise<void> {
    await this.#init();
    await this.#renewLeases();
    try {
      await Promise.all([this.#lanes.run('active'), this.#lanes.run('building')]);
    } finally {
      // A one-shot catch-up leaves the leases free for the next runner; a started one keeps them.
      if (!this.#started) await this.#releaseLeases();
    }
  }

  /** Catches up, then follows the log live until `stop()`. Standbys take over lapsed leases. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#stopping = false;
    try {
      await this.#init();
      await this.#renewLeases();
      // The tick renews leases, lets standbys take over, and wakes the lanes up as a safety net.
      this.#timer = setInterval(() => void this.#tick(), this.#renewEveryMs);
      this.#lanes.kick('building', this.#onBackgroundError);
      await this.#lanes.run('active');
    } catch (error) {
      await this.stop();
      throw error;
    }
    const subscription = this.#store.subscribe({
      from: this.#head + 1n,
      filter: { eventTypes: handledTypes(this.#projections) },
    });
    this.#subscription = subscription;
    this.#pump = (async () => {
      // The subscription only wakes the lanes up: they read from their checkpoints themselves.
      for await (const event of subscription) {
        this.#see(event.position);
        this.#lanes.kick('active', this.#onBackgroundError);
        this.#lanes.kick('building', this.#onBackgroundError);
      }
    })().catch(this.#onBackgroundError);
  }

  /** Stops reading, lets the current batch finish, and releases the leases. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#subscription?.stop();
    await this.#pump;
    await this.#lanes.idle();
    await this.#releaseLeases();
    for (const slot of this.#slots) if (slot.state !== 'failed') slot.state = 'stopped';
    this.#started = false;
    this.#subscription = undefined;
    this.#pump = undefined;
  }

  /** One row per build this runner runs (a rebuild adds a `building` row beside the active one). */
  status(): ProjectionStatus[] {
    const now = this.#delivery.clock.now().getTime();
    return [
      ...this.#slots.map((slot) => statusOf(slot, this.#head, now)),
      ...this.#retired.map(retiredStatus),
    ];
  }

  /**
   * Builds the projection again from position 0 beside the active build, which keeps serving
   * reads; when the new build has caught up, reads switch to it and the old one is dropped.
   * A rebuild interrupted by a crash resumes from its own checkpoint on the next run.
   */
  async rebuild(name: string, options: RebuildOptions = {}): Promise<RebuildProgress> {
    await this.#init();
    let slot = this.#slots.find((s) => s.projection.name === name && s.build.state === 'building');
    if (!slot) {
      const projection = newestProjection(this.#projections, name);
      const builds = await this.#target.builds(name);
      const generation = nextGeneration(builds, projection.version);
      slot = await this.#open(
        projection,
        { name, version: projection.version, generation, state: 'building' },
        true,
      );
    }
    slot.onProgress = options.onProgress;
    await this.#renewLeases();
    await this.#lanes.run('building');
    if (slot.build.state !== 'active') {
      throw (
        slot.error ??
        new ProjectionConfigError(
          `the rebuild did not finish: the build is ${slot.state} (is another runner holding its lease?)`,
          name,
        )
      );
    }
    return (
      slot.meter?.snapshot(this.#delivery.clock.now().getTime()) ?? {
        processed: 0,
        total: 0,
        eventsPerSecond: 0,
        etaMs: 0,
      }
    );
  }

  /** Runs a `failed` projection again from its checkpoint (the failing event first). */
  async resume(name: string): Promise<void> {
    await this.#init();
    const failed = this.#slots.filter((s) => s.projection.name === name && s.state === 'failed');
    if (failed.length === 0) newestProjection(this.#projections, name);
    for (const slot of failed) {
      slot.state = 'idle';
      slot.error = undefined;
    }
    if (this.#started) {
      this.#lanes.kick('active', this.#onBackgroundError);
      this.#lanes.kick('building', this.#onBackgroundError);
    }
  }

  /** The parked events, oldest first (of one projection, or all). */
  async deadLetters(name?: string): Promise<DeadLetter[]> {
    return this.#target.deadLetters(name);
  }

  /** Runs the handler on a dead letter again; on success it is removed, else it stays and this rejects. */
  async retryDeadLetter(id: string): Promise<void> {
    await this.#init();
    await retryDeadLetter(this.#sources, this.#slots, id, this.#names());
  }

  /** Removes a dead letter without applying it (a deliberate skip, which the caller owns). */
  async discardDeadLetter(id: string): Promise<void> {
    await this.#init();
    await discardDeadLetter(this.#sources, this.#slots, id, this.#names());
  }

  #names(): string[] {
    return projectionNames(this.#projections);
  }

  #see(position: bigint): void {
    if (position > this.#head) this.#head = position;
  }

  readonly #onBackgroundError = (error: unknown): void => {
    this.#delivery.metrics.runnerError?.(error);
    // The store or target failed: try again a little later (the timer kicks the lanes).
  };

  #init(): Promise<void> {
    this.#ready ??= this.#load().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  /** Finds or creates each projection's builds: the active one, and a new one for a bumped version. */
  async #load(): Promise<void> {
    for (const name of this.#names()) {
      const plan = planBuilds(
        this.#projections.filter((p) => p.name === name),
        await this.#target.builds(name),
      );
      for (const { projection, build, create } of plan.open) await this.#open(projection, build, create);
      await dropRetired(this.#target, this.#checkpoints, name);
      this.#retired.push(...plan.retired);
    }
  }

  async #open(projection: Projection<Ctx>, build: BuildRecord, create: boolean): Promise<Slot<Ctx>> {
    const slot = await openSlot(this.#sources, projection, build, create);
    this.#slots.push(slot);
    return slot;
  }

  #renewLeases(): Promise<void> {
    return this.#leases.renew(this.#slots);
  }

  #releaseLeases(): Promise<void> {
    return this.#leases.release(this.#slots);
  }

  async #tick(): Promise<void> {
    if (this.#stopping) return;
    try {
      await this.#renewLeases();
    } catch (error) {
      this.#onBackgroundError(error);
    }
    this.#lanes.kick('active', this.#onBackgroundError);
    this.#lanes.kick('building', this.#onBackgroundError);
  }

  #runnable(role: Role): Slot<Ctx>[] {
    return runnableSlots(this.#slots, role);
  }

  /** Reads the log once for the lane's slots, then marks them caught up (and switches a caught-up rebuild). */
  async #pass(role: Role): Promise<void> {
    const finished = await passBatches({
      store: this.#store,
      batchSize: this.#batchSize,
      delivery: this.#delivery,
      runnable: () => this.#runnable(role),
      renewLeases: () => this.#renewLeases(),
      see: (position) => this.#see(position),
    });
    if (!finished) return;
    for (const slot of this.#runnable(role)) slot.state = this.#started ? 'live' : 'idle';
    if (role === 'building') await switchCaughtUp(this.#switchover, this.#runnable('building'));
  }
}
