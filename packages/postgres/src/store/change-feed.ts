import type { Driver, Listener } from '../driver/driver.js';
import { PostgresStoreError } from '../errors/postgres-store-error.js';

/**
 * One LISTEN per store, shared by its subscriptions. `version` counts notifications; a
 * subscription reads the version before it queries and waits only while it is unchanged, so a
 * notification that arrives between its query and its wait is never lost.
 */
export class ChangeFeed {
  #version = 0;
  readonly #waiters = new Set<() => void>();
  #listener: Promise<Listener> | undefined;
  #closed = false;

  constructor(
    private readonly driver: Driver,
    private readonly channel: string,
  ) {}

  get version(): number {
    return this.#version;
  }

  /** Starts listening (once); resolves when LISTEN is in place. */
  start(): Promise<void> {
    if (!this.#listener) {
      const listener = this.driver
        .listen(this.channel, () => this.#bump())
        .catch((error: unknown) => Promise.reject(new PostgresStoreError('listen for appends', error)));
      this.#listener = listener;
      // A failed LISTEN is retried by the next subscription that starts.
      listener.catch(() => {
        if (this.#listener === listener) this.#listener = undefined;
      });
    }
    return this.#listener.then(() => undefined);
  }

  #bump(): void {
    this.#version++;
    for (const wake of [...this.#waiters]) wake();
  }

  /**
   * Resolves once the version moved past `seen`, after `timeoutMs` (the safety poll), or when
   * `cancel` is called.
   */
  wait(seen: number, timeoutMs: number): { promise: Promise<void>; cancel: () => void } {
    let cancel!: () => void;
    const promise = new Promise<void>((resolve) => {
      if (this.#version !== seen || this.#closed) {
        cancel = () => undefined;
        resolve();
        return;
      }
      const timer = setTimeout(() => cancel(), timeoutMs);
      cancel = () => {
        clearTimeout(timer);
        this.#waiters.delete(cancel);
        resolve();
      };
      this.#waiters.add(cancel);
    });
    return { promise, cancel };
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#bump();
    const listener = this.#listener;
    this.#listener = undefined;
    if (listener) await listener.then((l) => l.close()).catch(() => undefined);
  }
}
