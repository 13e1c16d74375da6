import { mathRandom, systemClock, timerSleep, type RecordedEvent, type Subscription } from '@strata/core';
import type { SagaDefinition } from '../definition/define-saga.js';
import { SagaNotFoundError } from '../errors/saga-not-found-error.js';
import { UnstartableEventError } from '../errors/unstartable-event-error.js';
import { loadSaga, sagaStreamId } from '../runtime/load-saga.js';
import { SagaDriver, type DriverEnv } from '../runtime/saga-driver.js';
import { safely } from '../runtime/safely.js';
import { TERMINAL, type SagaStatusName } from '../stream/saga-state.js';
import { EventWaiters } from './event-waiters.js';
import { Changes, untilQuiet } from './idle-watch.js';
import { OrchestratorLease, type LeaseHolder } from './orchestrator-lease.js';
import { assertCancellable, recordCancellation, reopenCompensation } from './saga-interventions.js';
import { findOpenSagas, listSagas } from './saga-queries.js';
import {
  checkLeaseTiming,
  checkpointNameOf,
  type SagaOrchestratorOptions,
} from './saga-orchestrator-options.js';
import { registerSagas } from './saga-registry.js';
import { toStatus, type SagaStatus } from './saga-status.js';
import { startSaga } from './start-saga.js';

export type { SagaOrchestratorOptions } from './saga-orchestrator-options.js';

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
  readonly #byName: ReadonlyMap<string, SagaDefinition<never>>;
  readonly #eventTypes: readonly string[];
  readonly #active = new Map<string, Active>();
  readonly #idleStreams = new Set<string>();
  readonly #waiters = new EventWaiters();
  readonly #changes = new Changes();
  #stop = new AbortController();
  #subscription: Subscription | undefined;
  #loop: Promise<void> | undefined;
  #delivered = -1n;
  #state: SagaOrchestratorState = 'stopped';
  #keeper: { readonly halt: AbortController; readonly done: Promise<void> } | undefined;
  readonly #lease: OrchestratorLease | undefined;
  readonly #holder: LeaseHolder = {
    active: () => this.#state === 'active',
    activate: () => this.#activate(),
    deactivate: (reason) => this.#deactivate(reason),
  };

  constructor(options: SagaOrchestratorOptions) {
    this.#options = options;
    const { byName, eventTypes } = registerSagas(options.sagas);
    this.#byName = byName;
    this.#eventTypes = eventTypes;
    this.#lease =
      options.lease && new OrchestratorLease(options.lease, options, (error) => this.#report(error, {}));
    checkLeaseTiming(options);
  }

  /** `active` while it runs sagas, `standby` while another orchestrator holds the lease. */
  get state(): SagaOrchestratorState {
    return this.#state;
  }

  get #checkpointName(): string {
    return checkpointNameOf(this.#options);
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
      awaitEvent: (_streamId, type, signal) => this.#waiters.wait(type, signal),
      setBusy: (streamId, busy) => {
        if (busy) this.#idleStreams.delete(streamId);
        else this.#idleStreams.add(streamId);
        this.#changes.notify();
      },
    };
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
    const lease = this.#lease;
    if (!lease) return this.#activate();
    const halt = new AbortController();
    this.#keeper = { halt, done: Promise.resolve() };
    this.#state = 'standby';
    if (await lease.acquire()) await this.#activate();
    // stop() came while this start was taking the lease: it found nothing to stop yet.
    if (halt.signal.aborted) {
      await this.#deactivate('the saga orchestrator stopped');
      this.#state = 'stopped';
      await lease.release();
      return;
    }
    this.#keeper = { halt, done: lease.keep(this.#holder, halt.signal) };
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
        this.#changes.notify();
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
    if (keeper && this.#lease) await this.#lease.release();
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
    this.#waiters.wake(event.type);
    await this.#options.checkpoints.save(this.#checkpointName, event.position);
    this.#delivered = event.position;
    this.#changes.notify();
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
        this.#changes.notify();
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
    await untilQuiet(this.#changes, () => this.#quiet());
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
    assertCancellable(saga, sagaId, state);
    if (active) {
      active.driver.requestCancel(reason);
      await active.done;
    } else {
      await recordCancellation(this.#options.store, state, reason);
      await this.#driveToEnd(definition, sagaId);
    }
    return (await this.get(saga, sagaId))!;
  }

  /** Retries the compensation of a dead-lettered (`compensation_failed`) saga with a fresh attempt budget. */
  async retry(saga: string, sagaId: string): Promise<SagaStatus> {
    const definition = this.#definition(saga);
    await reopenCompensation(this.#options.store, definition, saga, sagaId);
    await this.#driveToEnd(definition, sagaId);
    return (await this.get(saga, sagaId))!;
  }

  async #driveToEnd(definition: SagaDefinition<never>, sagaId: string): Promise<void> {
    const state = await loadSaga(this.#options.store, definition, sagaId);
    if (state) await this.#launch(definition, state).done;
  }
}
