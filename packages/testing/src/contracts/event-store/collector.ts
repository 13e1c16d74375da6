import type { RecordedEvent, Subscription } from '@strata/core';
import { within } from './context.js';

/** Consumes a subscription in the background, so a test can wait for what it has delivered. */
export class Collector {
  readonly events: RecordedEvent[] = [];
  /** Resolves when the iteration ended (after `stop()`), with the error it ended with, if any. */
  readonly finished: Promise<unknown>;
  #ended = false;
  readonly #wakers = new Set<() => void>();

  constructor(
    readonly subscription: Subscription,
    private readonly timeoutMs: number,
  ) {
    this.finished = this.#run();
  }

  async #run(): Promise<unknown> {
    try {
      for await (const event of this.subscription) {
        this.events.push(event);
        this.#wake();
      }
      return undefined;
    } catch (error) {
      return error;
    } finally {
      this.#ended = true;
      this.#wake();
    }
  }

  #wake(): void {
    for (const wake of [...this.#wakers]) wake();
  }

  /** Waits (events, not timers) until `done(events)` holds; fails if the iteration ends first. */
  async until(done: (events: readonly RecordedEvent[]) => boolean, what: string): Promise<void> {
    const reached = new Promise<void>((resolve, reject) => {
      const check = () => {
        if (done(this.events)) {
          this.#wakers.delete(check);
          resolve();
        } else if (this.#ended) {
          this.#wakers.delete(check);
          reject(new Error(`the subscription ended before ${what}`));
        }
      };
      this.#wakers.add(check);
      check();
    });
    await within(reached, this.timeoutMs, `the subscription did not deliver ${what}`);
  }

  /** Waits until the event with this id was delivered. */
  untilEvent(eventId: string): Promise<void> {
    return this.until((events) => events.some((event) => event.eventId === eventId), `event ${eventId}`);
  }

  /** Stops the subscription and waits for the iteration to end. */
  async stop(): Promise<void> {
    await this.subscription.stop();
    const error = await within(this.finished, this.timeoutMs, 'the iteration did not end after stop()');
    if (error !== undefined)
      throw error instanceof Error ? error : new Error('the subscription failed', { cause: error });
  }
}
