/** Waits `ms`, or less if `signal` aborts first (it resolves then, it does not reject). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

// setTimeout holds at most 2^31-1 ms; longer waits wake early and their callers wait again.
const MAX_TIMER_MS = 2_147_483_647;

/** The real `Sleep`, on timers; inject an instant or fake one in tests. */
export const timerSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
    signal?.addEventListener('abort', done, { once: true });
  });
