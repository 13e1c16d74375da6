/** Tells whoever waits that something changed: an event delivered, a driver parked or finished. */
export class Changes {
  readonly #listeners = new Set<() => void>();

  notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** Resolves at the next change, or after a short while. */
  next(): Promise<void> {
    return new Promise<void>((resolve) => {
      const listener = () => {
        this.#listeners.delete(listener);
        resolve();
      };
      this.#listeners.add(listener);
      // A safety net, not a timing assumption: re-check now and then.
      setTimeout(listener, 20).unref();
    });
  }
}

/** Resolves once `quiet` holds twice in a row (across a turn of the event loop), re-checking on each change. */
export async function untilQuiet(changes: Changes, quiet: () => Promise<boolean>): Promise<void> {
  for (;;) {
    const changed = changes.next();
    if (await quiet()) {
      await new Promise((resolve) => setImmediate(resolve));
      if (await quiet()) return;
    }
    await changed;
  }
}
