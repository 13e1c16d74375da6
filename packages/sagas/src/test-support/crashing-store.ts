import type { EventInput, EventStore, Subscription } from '@strata/core';

export class ProcessCrashed extends Error {
  constructor() {
    super('the process crashed');
  }
}

/** Where an append crashes: before it lands, after it lands (the writer never learns), or not. */
export type CrashPoint = 'before' | 'after' | undefined;

/**
 * A store as seen by a process that can die: when `crashAt` says so for an append, the process is
 * dead from then on, and every call it makes fails. The wrapped store (the database) lives on.
 */
export class CrashingStore implements EventStore {
  crashed = false;
  readonly #inner: EventStore;
  readonly #crashAt: (streamId: string, events: readonly EventInput[]) => CrashPoint;
  readonly #subscriptions = new Set<Subscription>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #onCrash: () => void = () => undefined;
  /** Resolves when the process dies. */
  readonly died: Promise<void>;

  constructor(inner: EventStore, crashAt: (streamId: string, events: readonly EventInput[]) => CrashPoint) {
    this.#inner = inner;
    this.#crashAt = crashAt;
    this.died = new Promise((resolve) => (this.#onCrash = resolve));
  }

  /**
   * Resolves when the appends the process had sent have landed or failed: a restart comes after
   * that (a database commits or aborts a dead client's statement long before a new process reads).
   */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #alive(): void {
    if (this.crashed) throw new ProcessCrashed();
  }

  #die(): never {
    this.crashed = true;
    for (const subscription of this.#subscriptions) void subscription.stop();
    this.#onCrash();
    throw new ProcessCrashed();
  }

  async append(...args: Parameters<EventStore['append']>): ReturnType<EventStore['append']> {
    this.#alive();
    const point = this.#crashAt(args[0], args[1]);
    if (point === 'before') this.#die();
    const pending = this.#inner.append(...args);
    this.#inFlight.add(pending);
    const result = await pending.finally(() => this.#inFlight.delete(pending));
    this.#alive();
    if (point === 'after') this.#die();
    return result;
  }

  readStream(...args: Parameters<EventStore['readStream']>): ReturnType<EventStore['readStream']> {
    this.#alive();
    return this.#guard(this.#inner.readStream(...args));
  }

  readAll(...args: Parameters<EventStore['readAll']>): ReturnType<EventStore['readAll']> {
    this.#alive();
    return this.#guard(this.#inner.readAll(...args));
  }

  subscribe(...args: Parameters<EventStore['subscribe']>): Subscription {
    this.#alive();
    const subscription = this.#inner.subscribe(...args);
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.stop()));
  }

  #guard<T>(iterable: AsyncIterable<T>): AsyncIterable<T> {
    const alive = () => this.#alive();
    return {
      async *[Symbol.asyncIterator]() {
        for await (const item of iterable) {
          alive();
          yield item;
        }
      },
    };
  }
}
