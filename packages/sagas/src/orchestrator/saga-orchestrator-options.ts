import type { CheckpointStore, Clock, EventStore, Lease, Random, Sleep } from '@strata/core';
import type { SagaDefinition } from '../definition/define-saga.js';
import type { SagaHooks } from '../definition/saga-types.js';
import { SagaDefinitionError } from '../errors/saga-definition-error.js';

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

/** The checkpoint's name, and the lease's after `saga-orchestrator:`. */
export function checkpointNameOf(options: SagaOrchestratorOptions): string {
  return options.name ?? 'sagas';
}

export function leaseTtlOf(options: SagaOrchestratorOptions): number {
  return options.leaseTtlMs ?? 10_000;
}

export function leaseRenewEveryOf(options: SagaOrchestratorOptions): number {
  return options.leaseRenewEveryMs ?? Math.max(1, Math.floor(leaseTtlOf(options) / 5));
}

/** Refuses lease timings that cannot work, lease or not: a ttl ≤ 0, a renewal not inside the ttl. */
export function checkLeaseTiming(options: SagaOrchestratorOptions): void {
  const ttl = options.leaseTtlMs;
  if (ttl !== undefined && !(Number.isFinite(ttl) && ttl > 0))
    throw new SagaDefinitionError('orchestrator', `leaseTtlMs must be a number > 0, got ${ttl}`);
  const every = options.leaseRenewEveryMs;
  if (every !== undefined && !(Number.isFinite(every) && every > 0 && every < leaseTtlOf(options)))
    throw new SagaDefinitionError(
      'orchestrator',
      `leaseRenewEveryMs must be > 0 and < leaseTtlMs, got ${every}`,
    );
}
