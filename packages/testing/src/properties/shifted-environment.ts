const HOUR = 3_600_000;

/** A small seeded generator (mulberry32): each variant gets its own stream of numbers. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Runs `fn` (synchronous) with the clock and randomness moved to a variant of their own:
 * `Date.now()`, `new Date()`, `performance.now()` and `Math.random()` answer differently for
 * variant 1 and variant 2. Two replays of the same history under two variants then differ
 * exactly when `apply` reads one of them: a deterministic test, without waiting for the real
 * clock to tick. The globals are restored before returning; `fn` must not await.
 */
export function inShiftedEnvironment<T>(variant: number, fn: () => T): T {
  const RealDate = Date;
  const realRandom = Math.random;
  const ownPerformanceNow = Object.prototype.hasOwnProperty.call(performance, 'now');
  // Kept only to be put back as it was; never called detached.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const realPerformanceNow = performance.now;
  const now = RealDate.now() + variant * 37 * HOUR + variant * 1_234;
  const ShiftedDate = function (this: unknown, ...args: unknown[]): Date | string {
    if (new.target === undefined) return new RealDate(now).toString();
    if (args.length === 0) return new RealDate(now);
    return new (RealDate as unknown as new (...values: unknown[]) => Date)(...args);
  } as unknown as DateConstructor;
  Object.defineProperties(ShiftedDate, {
    prototype: { value: RealDate.prototype },
    now: { value: () => now },
    parse: { value: RealDate.parse.bind(RealDate) },
    UTC: { value: RealDate.UTC.bind(RealDate) },
  });
  globalThis.Date = ShiftedDate;
  Math.random = seeded(variant * 7919);
  performance.now = () => variant * 1_000_003;
  try {
    return fn();
  } finally {
    globalThis.Date = RealDate;
    Math.random = realRandom;
    if (ownPerformanceNow) performance.now = realPerformanceNow;
    else delete (performance as { now?: unknown }).now;
  }
}
