/** Where Strata gets the time: inject a fixed or stepping clock in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `start` and moves `stepMs` forward on every call. */
export function steppingClock(start: Date | string = '2024-01-01T00:00:00.000Z', stepMs = 1): Clock {
  let t = new Date(start).getTime();
  return {
    now() {
      const now = new Date(t);
      t += stepMs;
      return now;
    },
  };
}
