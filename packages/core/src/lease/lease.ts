/**
 * Who may run a named processor (a projection build, a relay, a saga orchestrator) right now.
 * A lease lasts `ttlMs` unless renewed, so a holder that crashed is replaced after at most one
 * time-to-live. Adapters: `MemoryLease` (one process), `PostgresLease` in `@strata/postgres`.
 */
export interface Lease {
  /** Takes the lease when it is free, expired or already `owner`'s (then it is extended); false while another owner's lease is unexpired. */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends `owner`'s unexpired lease to `ttlMs` from now; false, changing nothing, when `owner` does not hold it (any more). */
  renew(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `owner` holds it, so a successor need not wait for the expiry. */
  release(name: string, owner: string): Promise<void>;
}
