/** The outcome of claiming a key: run the handler, skip it (done before), or come back later. */
export type ClaimResult = 'claimed' | 'done' | 'busy';

/** Where `idempotent` remembers the keys it processed, each with an expiry. */
export interface IdempotencyStore {
  /**
   * Claims `key` for `lockMs` (a holder that crashes loses the claim when it runs out). A key
   * done and not yet expired is `done`; one claimed by someone else and not run out is `busy`.
   */
  claim(key: string, lockMs: number): Promise<ClaimResult>;
  /** Marks a claimed key done, remembered for `ttlMs`. */
  complete(key: string, ttlMs: number): Promise<void>;
  /** Gives a claim up after the handler failed, so a retry can run it. */
  release(key: string): Promise<void>;
}
