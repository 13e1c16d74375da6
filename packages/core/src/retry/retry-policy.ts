/**
 * How often and how patiently something is retried: exponential backoff from `initialDelayMs`,
 * capped at `maxDelayMs`, with full jitter unless `jitter` is `'none'`.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retry). */
  readonly maxAttempts: number;
  /** The ceiling of the wait after the first failed attempt. */
  readonly initialDelayMs: number;
  /** No wait is longer. */
  readonly maxDelayMs: number;
  /** Growth of the ceiling per failed attempt. Default 2 (doubling). */
  readonly factor?: number;
  /** `'full'` (default): a random wait up to the ceiling. `'none'`: the ceiling itself. */
  readonly jitter?: 'full' | 'none';
}

/**
 * What is wrong with a (possibly partial) policy, naming the key (`maxAttempts must be …`), or
 * undefined when nothing is. Packages wrap it in their own option error.
 */
export function retryPolicyProblem(policy: Partial<RetryPolicy>): string | undefined {
  const { maxAttempts, initialDelayMs, maxDelayMs, factor, jitter } = policy;
  if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && maxAttempts >= 1))
    return `maxAttempts must be an integer >= 1, got ${String(maxAttempts)}`;
  for (const [key, value] of [
    ['initialDelayMs', initialDelayMs],
    ['maxDelayMs', maxDelayMs],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      return `${key} must be a number >= 0, got ${String(value)}`;
  }
  if (initialDelayMs !== undefined && maxDelayMs !== undefined && maxDelayMs < initialDelayMs)
    return `maxDelayMs must be >= initialDelayMs (${initialDelayMs}), got ${maxDelayMs}`;
  if (factor !== undefined && !(Number.isFinite(factor) && factor >= 1))
    return `factor must be a number >= 1, got ${String(factor)}`;
  if (jitter !== undefined && jitter !== 'full' && jitter !== 'none')
    return `jitter must be 'full' or 'none', got ${String(jitter)}`;
  return undefined;
}
