import {
  mathRandom,
  systemClock,
  timerSleep,
  type CheckpointStore,
  type Clock,
  type EventStore,
  type Lease,
  type Random,
  type RecordedEvent,
  type Sleep,
  type Subscription,
} from '@strata/core';
import { randomUUID } from 'node:crypto';
import { isWaitStep, type SagaDefinition } from '../definition/define-saga.js';
import type { SagaHooks } from '../definition/saga-types.js';
import { SagaDefinitionError } from '../errors/saga-definition-error.js';
import { SagaNotFoundError } from '../errors/saga-not-found-error.js';
import { SagaStateError } from '../errors/saga-state-error.js';
import { UnstartableEventError } from '../errors/unstartable-event-error.js';
import { loadSaga, sagaStreamId } from '../runtime/load-saga.js';
import { SagaDriver, type DriverEnv } from '../runtime/saga-driver.js';
import { safely } from '../runtime/safely.js';
import { SagaCompensationRetried, SagaCompensationStarted } from '../stream/saga-events.js';
import { TERMINAL, type SagaStatusName } from '../stream/saga-state.js';
import { findOpenSagas, listSagas } from './saga-queries.js';
import { toStatus, type SagaStatus } from './saga-status.js';
import { startSaga } from './start-saga.js';

export interface SagaOrchestratorOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly sagas: readonly SagaDefinition<never>[];
  /** The checkpoint's name. Default `'sagas'`; give each orchestrator of one store its own. */
  readonly name?: string;
  readonly clock?: Clock;
  /** Jitter for the retry backoff. */
  readonly random?: Random;
  /** Backoff waits, attempt timeouts and `waitFor` deadlines go through it (inject a fake in tests). */
  readonly sleep?: Sleep;
  readonly hooks?: SagaHooks;
  /** Errors nobody awaits: a driver whose store call failed, a starting event `correlate` rejects. */
  readonly onError?: (error: unknown, where: { readonly saga?: string; readonly sagaId?: string }) => void;
  /**
   * With a lease, one orchestrator per store and `name` runs sagas: the others wait as standbys
   * and one takes over within `leaseTtlMs` after the holder stops renewing (or at once when it
   * stops and releases). `MemoryLease` from core, `PostgresLease` from `@strata/postgres`, or any `Lease`.
   */
  readonly lease?: Lease;
  /** How long the lease lasts unrenewed. Default 10 000 ms. */
  readonly leaseTtlMs?: number;
  /** How often the holder renews and a standby asks, on real timers. Default leaseTtlMs / 5. */
  readonly leaseRenewEveryMs?: number;
  /** This orchestrator's name in the lease. Default a random UUID. */
  readonly owner?: string;
}

/** `active`: runs sagas. `standby`: another orchestrator holds the lease. */
export type SagaOrchestratorState = 'stopped' | 'standby' | 'active';

interface Active {
  readonly driver: SagaDriver;
  readonly done: Promise<void>;
}

/**
 * Starts sagas on their starting events (from a checkpointed subscription), drives each instance
 * through its steps, compensates, and resumes unfinished instances from their streams.
 */
export class SagaOrchestrator {
  readonly #options: SagaOrchestratorOptions;
  readonly #byName = new Map<string, SagaDefinition<never>>();
  readonly #eventTypes: readonly string[];
  readonly #active = new Map<string, Active>();
  readonly #idleStreams = new Set<string>();
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #changeListeners = new Set<() => void>();
  #stop = new AbortController();
  #subscription: Subscription | undefined;
  #loop: Promise<void> | undefined;
  #delivered = -1n;
  #state: SagaOrchestratorState = 'stopped';
  #keeper: { readonly halt: AbortController; readonly done: Promise<void> } | undefined;
  readonly #owner: string;

  constructor(options: SagaOrchestratorOptions) {
    this.#options = options;
    const categories = new Set<string>();
    const types = new Set<string>();
    for (const saga of options.sagas) {
      if (this.#byName.has(saga.name))
        throw new SagaDefinitionError(saga.name, 'given twice to one orchestrator');
      if (categories.has(saga.category))
        throw new SagaDefinitionError(saga.name, `its category '${saga.category}' is taken`);
      this.#byName.set(saga.name, saga);
      categories.add(saga.category);
      types.add(saga.startedBy.type);
      for (const step of saga.steps) if (isWaitStep(step)) types.add(step.waitFor.type);
    }
    this.#eventTypes = [...types];
    this.#owner = options.owner ?? randomUUID();
    const ttl = options.leaseTtlMs;
    if (ttl !== undefined && !(Number.isFinite(ttl) && ttl > 0))
      throw new SagaDefinitionError('orchestrator', `leaseTtlMs must be a number > 0, got ${ttl}`);
    const every = options.leaseRenewEveryMs;
    if (every !== undefined && !(Number.isFinite(every) && every > 0 && every < this.#leaseTtl))
      throw new SagaDefinitionError(
        'orchestrator',
        `leaseRenewEveryMs must be > 0 and < leaseTtlMs, got ${every}`,
      );
  }

  /** `active` while it runs sagas, `standby` while another orchestrator holds the lease. */
  get state(): SagaOrchestratorState {
    return this.#state;
  }

  get #leaseTtl(): number {
    return this.#options.leaseTtlMs ?? 10_000;
  }

  get #leaseName(): string {
    return `saga-orchestrator:${this.#checkpointName}`;
  }

  get #checkpointName(): string {
    return this.#options.name ?? 'sagas';
  }

  #env(): DriverEnv {
    const options = this.#options;
    return {
      store: options.store,
      clock: options.clock ?? systemClock,
      random: options.random ?? mathRandom,
      sleep: options.sleep ?? timerSleep,
      hooks: options.hooks ?? {},
      stop: this.#stop.signal,
      awaitEvent: (_streamId, type, signal) =>
        new Promise<void>((resolve) => {
          const waiters = this.#waiters.get(type) ?? new Set();
          this.#waiters.set(type, waiters);
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          signal.addEventListener('abort', wake, { once: true });
        }),
      setBusy: (streamId, busy) => {
        if (busy) this.#idleStreams.delete(streamId);
        else this.#idleStreams.add(streamId);
        this.#changed();
      },
    };
  }

  #changed(): void {
    for (const listener of [...this.#changeListeners]) listener();
  }

  #report(error: unknown, where: { saga?: string; sagaId?: string }): void {
    safely(() => this.#options.onError?.(error, where));
  }

  #definition(saga: string): SagaDefinition<never> {
    const definition = this.#byName.get(saga);
    if (!definition) throw new SagaNotFoundError(saga);
    return definition;
  }

  /**
   * Resumes unfinished sagas, then subscribes from the checkpoint and starts sagas as events
   * arrive. With a `lease` held by another orchestrator it resolves as a `standby` and takes over
   * (resumes, subscribes) when it gets the lease.
   */
  async start(): Promise<void> {
    if (this.#loop || this.#keeper) return;
    const lease = this.#options.lease;
    if (!lease) return this.#activate();
    const halt = new AbortController();
    this.#keeper = { halt, done: Promise.resolve() };
    this.#state = 'standby';
    if (await this.#ask(() => lease.acquire(this.#leaseName, this.#owner, this.#leaseTtl)))
      await this.#activate();
    // stop() came while this start was taking the lease: it found nothing to stop yet.
    if (halt.signal.aborted) {
      await this.#deactivate('the saga orchestrator stopped');
      this.#state = 'stopped';
      await this.#ask(() => lease.release(this.#leaseName, this.#owner).then(() => true));
      return;
    }
    this.#keeper = { halt, done: this.#keep(lease, halt.signal) };
  }

  /** Renews the lease while active; asks for it while standby; steps down when a renewal fails. */
  async #keep(lease: Lease, halt: AbortSignal): Promise<void> {
    const every = this.#options.leaseRenewEveryMs ?? Math.max(1, Math.floor(this.#leaseTtl / 5));
    while (!halt.aborted) {
      await timerSleep(every, halt);
      if (halt.aborted) return;
      if (this.#state === 'active') {
        // A renewal that cannot reach the lease store counts as lost: better idle than doubled.
        if (!(await this.#ask(() => lease.renew(this.#leaseName, this.#owner, this.#leaseTtl))))
          await this.#deactivate('the saga orchestrator lost its lease');
      } else if (await this.#ask(() => lease.acquire(this.#leaseName, this.#owner, this.#leaseTtl))) {
        await this.#activate().catch(async (error: unknown) => {
          this.#report(error, {});
          await this.#deactivate('the saga orchestrator could not start');
          await this.#ask(() => lease.release(this.#leaseName, this.#owner).then(() => true));
        });
      }
    }
  }

  async #ask(call: () => Promise<boolean>): Promise<boolean> {
    try {
      return await call();
    } catch (error) {
      this.#report(error, {});
      return false;
    }
  }

  async #activate(): Promise<void> {
    if (this.#stop.signal.aborted) this.#stop = new AbortController();
    this.#state = 'active';
    const checkpoint = await this.#options.checkpoints.load(this.#checkpointName);
    this.#delivered = checkpoint ?? -1n;
    await this.resume();
    const subscription = this.#options.store.subscribe({
      from: this.#delivered + 1n,
      filter: { eventTypes: this.#eventTypes },
    });
    this.#subscription = subscription;
    this.#loop = (async () => {
      try {
        for await (const event of subscription) await this.#deliver(event);
      } catch (error) {
        if (this.#stop.signal.aborted) return;
        // Delivery stops here (the checkpoint did not move past the failed event); `stop()` and
        // `start()` subscribe again. `idle()` no longer waits for it.
        this.#report(error, {});
        this.#subscription = undefined;
        this.#loop = undefined;
        this.#changed();
      }
    })();
  }

  /** Stops the subscription and every driver (attempts in flight see their signal fire), and releases the lease. */
  async stop(): Promise<void> {
    const keeper = this.#keeper;
    keeper?.halt.abort();
    await keeper?.done;
    await this.#deactivate('the saga orchestrator stopped');
    this.#state = 'stopped';
    this.#keeper = undefined;
    if (keeper && this.#options.lease) {
      const lease = this.#options.lease;
      await this.#ask(() => lease.release(this.#leaseName, this.#owner).then(() => true));
    }
  }

  async #deactivate(reason: string): Promise<void> {
    this.#stop.abort(new Error(reason));
    const loop = this.#loop;
    await this.#subscription?.stop();
    await loop;
    this.#loop = undefined;
    this.#subscription = undefined;
    await Promise.all([...this.#active.values()].map((active) => active.done));
    if (this.#state === 'active') this.#state = 'standby';
  }

  /** Processes the starting events stored after the checkpoint, without subscribing. */
  async catchUp(): Promise<void> {
    const checkpoint = await this.#options.checkpoints.load(this.#checkpointName);
    const from = checkpoint === undefined ? 0n : checkpoint + 1n;
    for await (const event of this.#options.store.readAll({ from, filter: { eventTypes: this.#eventTypes } }))
      await this.#deliver(event);
  }

  async #deliver(event: RecordedEvent): Promise<void> {
    for (const definition of this.#byName.values()) {
      if (definition.startedBy.type !== event.type) continue;
      // A bad starting event is reported and skipped; a store failure stops delivery before the
      // checkpoint moves, so the event is delivered again after a restart.
      const started = await startSaga(
        this.#options.store,
        definition,
        event,
        (this.#options.clock ?? systemClock).now(),
      ).catch((error: unknown) => {
        if (!(error instanceof UnstartableEventError)) throw error;
        this.#report(error, { saga: definition.name });
        return undefined;
      });
      if (started) {
        safely(() => this.#options.hooks?.onSagaStarted?.({ saga: definition.name, sagaId: started.sagaId }));
        this.#launch(definition, started);
      }
    }
    for (const wake of [...(this.#waiters.get(event.type) ?? [])]) wake();
    await this.#options.checkpoints.save(this.#checkpointName, event.position);
    this.#delivered = event.position;
    this.#changed();
  }

  #launch(definition: SagaDefinition<never>, state: ConstructorParameters<typeof SagaDriver>[1]): Active {
    const existing = this.#active.get(state.streamId);
    if (existing) return existing;
    if (this.#stop.signal.aborted) this.#stop = new AbortController();
    const driver = new SagaDriver(definition, state, this.#env());
    const done = driver
      .drive()
      .catch((error: unknown) => this.#report(error, { saga: definition.name, sagaId: state.sagaId }))
      .finally(() => {
        this.#active.delete(state.streamId);
        this.#idleStreams.delete(state.streamId);
        this.#changed();
      });
    const active = { driver, done };
    this.#active.set(state.streamId, active);
    return active;
  }

  /** Finds unfinished sagas in their streams and drives them; returns how many it took up. */
  async resume(): Promise<number> {
    let count = 0;
    for (const definition of this.#byName.values()) {
      for (const sagaId of await findOpenSagas(this.#options.store, definition)) {
        if (this.#active.has(sagaStreamId(definition, sagaId))) continue;
        const state = await loadSaga(this.#options.store, definition, sagaId);
        if (!state || TERMINAL.has(state.status) || state.status === 'compensation_failed') continue;
        this.#launch(definition, state);
        count++;
      }
    }
    return count;
  }

  /**
   * Resolves when nothing can progress without outside help: the subscription has delivered every
   * stored event it wants, and every driver has finished or is parked on a `waitFor`.
   */
  async idle(): Promise<void> {
    for (;;) {
      const changed = new Promise<void>((resolve) => {
        const listener = () => {
          this.#changeListeners.delete(listener);
          resolve();
        };
        this.#changeListeners.add(listener);
        // A safety net, not a timing assumption: re-check now and then.
        setTimeout(listener, 20).unref();
      });
      if (await this.#quiet()) {
        await new Promise((resolve) => setImmediate(resolve));
        if (await this.#quiet()) return;
      }
      await changed;
    }
  }

  async #quiet(): Promise<boolean> {
    for (const streamId of this.#active.keys()) if (!this.#idleStreams.has(streamId)) return false;
    if (!this.#loop) return true;
    const next = this.#options.store.readAll({
      from: this.#delivered + 1n,
      filter: { eventTypes: this.#eventTypes },
      maxCount: 1,
    });
    for await (const _ of next) return false;
    return true;
  }

  /** The instance's status, read from its stream; undefined when it never started. */
  async get(saga: string, sagaId: string): Promise<SagaStatus | undefined> {
    const definition = this.#definition(saga);
    const state = await loadSaga(this.#options.store, definition, sagaId);
    return state && toStatus(saga, state);
  }

  /** Every instance (of one saga, or all), optionally only those in one status: `compensation_failed` lists the dead letters. */
  async list(
    filter: { readonly saga?: string; readonly status?: SagaStatusName } = {},
  ): Promise<SagaStatus[]> {
    const definitions =
      filter.saga !== undefined ? [this.#definition(filter.saga)] : [...this.#byName.values()];
    const out: SagaStatus[] = [];
    for (const definition of definitions) {
      for (const state of await listSagas(this.#options.store, definition)) {
        if (filter.status === undefined || state.status === filter.status)
          out.push(toStatus(definition.name, state));
      }
    }
    return out;
  }

  /**
   * Cancels a running or waiting saga: the attempt in flight sees its signal fire, then every completed
   * step is compensated. Resolves when the saga is `cancelled` (or `compensation_failed`).
   */
  async cancel(saga: string, sagaId: string, reason: string): Promise<SagaStatus> {
    const definition = this.#definition(saga);
    const active = this.#active.get(sagaStreamId(definition, sagaId));
    const state = active?.driver.state ?? (await loadSaga(this.#options.store, definition, sagaId));
    if (!state) throw new SagaNotFoundError(saga, sagaId);
    if (state.status !== 'running' && state.status !== 'waiting')
      throw new SagaStateError(saga, sagaId, state.status, 'cancel', 'running or waiting');
    if (active) {
      active.driver.requestCancel(reason);
      await active.done;
    } else {
      await this.#options.store.append(
        state.streamId,
        [{ ...SagaCompensationStarted.create({ cause: 'cancelled', reason }), metadata: state.metadata }],
        { expectedRevision: state.revision },
      );
      await this.#driveToEnd(definition, sagaId);
    }
    return (await this.get(saga, sagaId))!;
  }

  /** Retries the compensation of a dead-lettered (`compensation_failed`) saga with a fresh attempt budget. */
  async retry(saga: string, sagaId: string): Promise<SagaStatus> {
    const definition = this.#definition(saga);
    const state = await loadSaga(this.#options.store, definition, sagaId);
    if (!state) throw new SagaNotFoundError(saga, sagaId);
    if (state.status !== 'compensation_failed')
      throw new SagaStateError(saga, sagaId, state.status, 'retry', 'compensation_failed');
    await this.#options.store.append(
      state.streamId,
      [{ ...SagaCompensationRetried.create({}), metadata: state.metadata }],
      { expectedRevision: state.revision },
    );
    await this.#driveToEnd(definition, sagaId);
    return (await this.get(saga, sagaId))!;
  }

  async #driveToEnd(definition: SagaDefinition<never>, sagaId: string): Promise<void> {
    const state = await loadSaga(this.#options.store, definition, sagaId);
    if (state) await this.#launch(definition, state).done;
  }
}
