/**
 * Who may run a named processor right now. Held leases expire unless renewed, so a crashed
 * holder is replaced after at most one time-to-live.
 */
export interface Lease {
  /** Takes the lease, or renews it when `owner` holds it; false while another owner's lease is unexpired. */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `owner` holds it (so a successor need not wait for the expiry). */
  release(name: string, owner: string): Promise<void>;
}
