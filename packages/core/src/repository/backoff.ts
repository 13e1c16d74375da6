import type { Random } from '../providers/random.js';

/** Full jitter: a random delay up to min(maxMs, baseMs · 2^attempt). */
export function jitteredDelay(attempt: number, random: Random, baseMs = 5, maxMs = 200): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}

export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
