import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  type AppendOptions,
  type AppendResult,
  type EventInput,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '@strata/core';

/** Delegates everything; each broken store overrides the one thing it gets wrong. */
class DelegatingStore implements EventStore {
  constructor(protected readonly inner: EventStore) {}
  append(streamId: string, events: readonly EventInput[], options?: AppendOptions): Promise<AppendResult> {
    return this.inner.append(streamId, events, options);
  }
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readStream(streamId, options);
  }
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(options);
  }
  subscribe(options?: SubscribeOptions): Subscription {
    return this.inner.subscribe(options);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Broken: appends whatever the stream's revision (a last-writer-wins store). */
export class IgnoresExpectedRevisionStore extends DelegatingStore {
  override append(streamId: string, events: readonly EventInput[]): Promise<AppendResult> {
    return this.inner.append(streamId, events, { expectedRevision: 'any' });
  }
}

/** Broken: loses the first event delivered after the catch-up/live switch. */
export class DropsEventAtSwitchStore extends DelegatingStore {
  override subscribe(options: SubscribeOptions = {}): Subscription {
    let live = false;
    let dropped = false;
    const inner = this.inner.subscribe({
      ...options,
      onCaughtUp: () => {
        live = true;
        options.onCaughtUp?.();
      },
    });
    return {
      stop: () => inner.stop(),
      [Symbol.asyncIterator]: () => {
        const iterator = inner[Symbol.asyncIterator]();
        return {
          next: async () => {
            const result = await iterator.next();
            if (result.done || !live || dropped) return result;
            dropped = true;
            return iterator.next();
          },
          return: async () => {
            await inner.stop();
            return { done: true, value: undefined };
          },
        };
      },
    };
  }
}

/** Broken: when a batch fails, its first half has already been written (no transaction). */
export class WritesHalfOfFailingBatchStore extends DelegatingStore {
  override async append(
    streamId: string,
    events: readonly EventInput[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    try {
      return await this.inner.append(streamId, events, options);
    } catch (error) {
      const half = events.slice(0, Math.floor(events.length / 2));
      if (!(error instanceof ConcurrencyError) && half.length > 0) {
        await this.inner.append(streamId, half).catch(() => undefined);
      }
      throw error;
    }
  }
}

/** Broken: does not recognise a retried batch by its event ids, so a retry writes it again. */
export class NotIdempotentStore extends DelegatingStore {
  override async append(
    streamId: string,
    events: readonly EventInput[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const stored = new Set<string>();
    for await (const event of this.inner.readStream(streamId)) stored.add(event.eventId);
    const renamed = events.map((event) => {
      const id = (event as EventInput | null)?.eventId;
      return id !== undefined && stored.has(id) ? { ...event, eventId: randomUUID() } : event;
    });
    return this.inner.append(streamId, renamed, options);
  }
}
