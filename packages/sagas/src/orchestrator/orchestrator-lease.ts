import { timerSleep, type Lease } from '@strata/core';
import { randomUUID } from 'node:crypto';
import {
  checkpointNameOf,
  leaseRenewEveryOf,
  leaseTtlOf,
  type SagaOrchestratorOptions,
} from './saga-orchestrator-options.js';

/** What the lease keeper switches: the orchestrator's running of sagas. */
export interface LeaseHolder {
  /** True while it runs sagas. */
  active(): boolean;
  activate(): Promise<void>;
  deactivate(reason: string): Promise<void>;
}

/**
 * An orchestrator's hold on its `Lease` (named after its checkpoint): takes, renews and gives it
 * up, where a lease store that cannot be reached counts as a refusal (the error is reported).
 */
export class OrchestratorLease {
  readonly #lease: Lease;
  readonly #options: SagaOrchestratorOptions;
  readonly #owner: string;
  readonly #report: (error: unknown) => void;

  constructor(lease: Lease, options: SagaOrchestratorOptions, report: (error: unknown) => void) {
    this.#lease = lease;
    this.#options = options;
    this.#owner = options.owner ?? randomUUID();
    this.#report = report;
  }

  get #name(): string {
    return `saga-orchestrator:${checkpointNameOf(this.#options)}`;
  }

  acquire(): Promise<boolean> {
    return this.#ask(() => this.#lease.acquire(this.#name, this.#owner, leaseTtlOf(this.#options)));
  }

  renew(): Promise<boolean> {
    return this.#ask(() => this.#lease.renew(this.#name, this.#owner, leaseTtlOf(this.#options)));
  }

  async release(): Promise<void> {
    await this.#ask(() => this.#lease.release(this.#name, this.#owner).then(() => true));
  }

  /** Renews the lease while active; asks for it while standby; steps down when a renewal fails. */
  async keep(holder: LeaseHolder, halt: AbortSignal): Promise<void> {
    const every = leaseRenewEveryOf(this.#options);
    while (!halt.aborted) {
      await timerSleep(every, halt);
      if (halt.aborted) return;
      if (holder.active()) {
        // A renewal that cannot reach the lease store counts as lost: better idle than doubled.
        if (!(await this.renew())) await holder.deactivate('the saga orchestrator lost its lease');
      } else if (await this.acquire()) {
        await holder.activate().catch(async (error: unknown) => {
          this.#report(error);
          await holder.deactivate('the saga orchestrator could not start');
          await this.release();
        });
      }
    }
  }

  async #ask(call: () => Promise<boolean>): Promise<boolean> {
    try {
      return await call();
    } catch (error) {
      this.#report(error);
      return false;
    }
  }
}
