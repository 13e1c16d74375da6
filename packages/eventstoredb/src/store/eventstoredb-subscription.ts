import {
  START,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Filter,
  type ReadPosition,
  type AllStreamSubscription,
} from '@eventstore/db-client';
import type { EventFilter, RecordedEvent, Subscription } from '@strata/core';
import { EventStoreDBUnavailableError } from '../errors/eventstoredb-errors.js';
import { isTransient, mapClientError } from '../errors/map-client-error.js';
import { toRecordedEvent } from '../events/event-mapping.js';
import { toEventStoreDBPosition } from './positions.js';
import { acceptsEvent, toServerFilter } from './server-filter.js';
import { lowerBound, resolveStart, type Start } from './start-position.js';

/** How a subscription reconnects after the connection drops. */
export interface ReconnectOptions {
  /** Attempts in a row before the subscription fails with `EventStoreDBUnavailableError`. Default 20. */
  readonly maxAttempts?: number;
  /** Default 50 ms, doubling up to `maxDelayMs` (default 2 000 ms). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface FeedOptions {
  readonly from?: bigint | undefined;
  readonly filter?: EventFilter | undefined;
  readonly onCaughtUp?: (() => void) | undefined;
  /** End the iteration when caught up (a bounded read) instead of going live. */
  readonly untilCaughtUp?: boolean;
  readonly reconnect?: ReconnectOptions | undefined;
}

const CAUGHT_UP = Symbol('caught up');
type Item = RecordedEvent | typeof CAUGHT_UP | { readonly error: Error };

/** Pause the server stream when this many events wait, resume below a quarter of it. */
const HIGH_WATER = 1024;

/**
 * A `$all` subscription (`subscribeToAll`) with Strata's semantics: catch up, signal it, go
 * live; after a dropped connection, subscribe again after the last position received, so
 * nothing is lost or repeated. The queue outlives reconnections.
 */
export class EventStoreDBSubscription implements Subscription {
  readonly #client: EventStoreDBClient;
  readonly #options: FeedOptions;
  readonly #accept: (event: RecordedEvent) => boolean;
  readonly #serverFilter: Filter;
  readonly #queue: Item[] = [];
  #wake: (() => void) | undefined;
  #stopped = false;
  #caughtUpSeen = false;
  #current: AllStreamSubscription | undefined;
  #generation = 0;
  #attempts = 0;
  #lower = 0n;
  /** The last position the server sent (filtered out or not): where a reconnection resumes. */
  #lastPosition: bigint | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(client: EventStoreDBClient, options: FeedOptions) {
    this.#client = client;
    this.#options = options;
    this.#accept = acceptsEvent(options.filter);
    this.#serverFilter = toServerFilter(options.filter);
    void this.#connect();
  }

  #push(item: Item): void {
    this.#queue.push(item);
    if (this.#queue.length >= HIGH_WATER) this.#current?.pause();
    this.#wake?.();
  }

  async #firstStart(): Promise<Start> {
    const start = await resolveStart(this.#client, this.#options.from);
    this.#lower = lowerBound(start);
    if (start.kind !== 'at') return start;
    // A subscription starts after a position: deliver the event at `from` first, by a read.
    for await (const resolved of this.#client.readAll({
      fromPosition: toEventStoreDBPosition(start.position),
      maxCount: 1,
    })) {
      if (resolved.event?.position?.commit === start.position) this.#receive(resolved);
    }
    this.#lastPosition ??= start.position;
    return start;
  }

  async #connect(): Promise<void> {
    const generation = ++this.#generation;
    try {
      let fromPosition: ReadPosition = START;
      if (this.#lastPosition === undefined) {
        const start = await this.#firstStart();
        if (start.kind === 'after') fromPosition = toEventStoreDBPosition(start.position);
      }
      if (this.#lastPosition !== undefined) fromPosition = toEventStoreDBPosition(this.#lastPosition);
      if (this.#stopped || generation !== this.#generation) return;
      const subscription = this.#client.subscribeToAll({ fromPosition, filter: this.#serverFilter });
      this.#current = subscription;
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        if (generation === this.#generation) this.#receive(resolved);
      });
      subscription.on('confirmation', () => {
        this.#attempts = 0;
      });
      subscription.on('caughtUp', () => {
        if (generation === this.#generation && !this.#caughtUpSeen) {
          this.#caughtUpSeen = true;
          this.#push(CAUGHT_UP);
        }
      });
      subscription.on('error', (error: unknown) => this.#fail(generation, error));
      subscription.on('end', () => this.#fail(generation, undefined));
    } catch (error) {
      this.#fail(generation, error);
    }
  }

  #receive(resolved: AllStreamResolvedEvent): void {
    this.#attempts = 0;
    const event = toRecordedEvent(resolved);
    if (!event) return;
    this.#lastPosition = event.position;
    if (event.position >= this.#lower && this.#accept(event)) this.#push(event);
  }

  /** A dropped connection (or a server that ended the call): resubscribe, unless it is final. */
  #fail(generation: number, error: unknown): void {
    if (this.#stopped || generation !== this.#generation) return;
    this.#generation++;
    const current = this.#current;
    this.#current = undefined;
    void current?.unsubscribe().catch(() => undefined);
    const reconnect = this.#options.reconnect ?? {};
    const maxAttempts = reconnect.maxAttempts ?? 20;
    if ((error !== undefined && !isTransient(error)) || this.#attempts >= maxAttempts) {
      const context = { operation: 'subscribe to $all' };
      this.#push({
        error:
          error === undefined || isTransient(error)
            ? new EventStoreDBUnavailableError(context, error)
            : mapClientError(error, context),
      });
      return;
    }
    const delay = Math.min(
      (reconnect.initialDelayMs ?? 50) * 2 ** this.#attempts,
      reconnect.maxDelayMs ?? 2000,
    );
    this.#attempts++;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#connect();
    }, delay);
  }

  async #next(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.#stopped) {
      const item = this.#queue.shift();
      if (item === undefined) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
        continue;
      }
      if (this.#queue.length < HIGH_WATER / 4) this.#current?.resume();
      if (item === CAUGHT_UP) {
        this.#options.onCaughtUp?.();
        if (this.#options.untilCaughtUp) await this.stop();
        continue;
      }
      if ('error' in item) {
        await this.stop();
        throw item.error;
      }
      return { done: false, value: item };
    }
    return { done: true, value: undefined };
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#generation++;
    if (this.#timer) clearTimeout(this.#timer);
    this.#wake?.();
    const current = this.#current;
    this.#current = undefined;
    await current?.unsubscribe().catch(() => undefined);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => this.#next(),
      return: async () => {
        await this.stop();
        return { done: true, value: undefined };
      },
    };
  }
}
