/** The drivers parked on a `waitFor`, by the event type they wait for; a delivered event of that type wakes them. */
export class EventWaiters {
  readonly #byType = new Map<string, Set<() => void>>();

  /** Resolves when an event of `type` is delivered, or when `signal` fires. */
  wait(type: string, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const waiters = this.#byType.get(type) ?? new Set();
      this.#byType.set(type, waiters);
      const wake = () => {
        waiters.delete(wake);
        resolve();
      };
      waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  wake(type: string): void {
    for (const wake of [...(this.#byType.get(type) ?? [])]) wake();
  }
}
