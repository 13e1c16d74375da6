import { randomUUID } from 'node:crypto';
import type { EventInput, EventSet, EventStore, Metadata, RecordedEvent } from '@strata/core';

/** Builds the store under test; `events` are the definitions it must validate appends with. */
export type MakeEventStore = (options: { events?: EventSet[] }) => EventStore | Promise<EventStore>;

export interface EventStoreContractOptions {
  /** Per test (and per hook) timeout, default 15 s; waits for a subscription give up a little earlier. */
  readonly timeoutMs?: number;
  /** Called for every store the suite made, after the suite closed it (drop a schema, end a pool). */
  readonly cleanup?: (store: EventStore) => void | Promise<void>;
}

/** A namespace of stream names and event types that no other test or run shares. */
export interface Scope {
  /** Every stream of the scope starts with it; it has no `-`, so it starts each category too. */
  readonly prefix: string;
  /** `<prefix><category>-<id>`: the category is `<prefix><category>`. */
  stream(category: string, id?: string): string;
  /** An event type no other scope uses (for type filters on a shared server). */
  type(name: string): string;
}

/** What each area of the event store contract gets from `describeEventStoreContract`. */
export interface ContractContext {
  /** The shared store, made in `beforeAll` without event definitions. */
  readonly store: () => EventStore;
  /** A store of its own (with definitions, or to close); the suite closes and cleans it up. */
  readonly makeStore: (events?: readonly EventSet[]) => Promise<EventStore>;
  readonly scope: () => Scope;
  /** The per-test timeout. */
  readonly timeoutMs: number;
  /** How long a test waits for a subscription: less than the test, so the failure says what was missing. */
  readonly waitMs: number;
}

/** A random run id of fixed length, so one run's prefix is never a prefix of another's. */
export function newRunId(): string {
  return `ct${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export function scopeFactory(runId: string): () => Scope {
  let counter = 0;
  return () => {
    counter += 1;
    // Dots separate the parts: a `-` would end the category early.
    const prefix = `${runId}.${counter.toString().padStart(4, '0')}.`;
    return {
      prefix,
      stream: (category, id = randomUUID()) => `${prefix}${category}-${id}`,
      type: (name) => `${prefix}${name}`,
    };
  };
}

/** A new event with a UUID event id (EventStoreDB requires UUIDs), data and optional metadata. */
export function newEvent(
  type: string,
  data: unknown = {},
  metadata?: Metadata,
): EventInput & { eventId: string } {
  return { eventId: randomUUID(), type, data, ...(metadata !== undefined ? { metadata } : {}) };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** A scope's events in the store, in position order, from `from` (default: its first position). */
export async function readScope(store: EventStore, scope: Scope, from = 0n): Promise<RecordedEvent[]> {
  return collect(store.readAll({ from, filter: { streamPrefix: scope.prefix } }));
}

/** What `call` threw or rejected with (either counts: adapters may fail before their first await). */
export async function rejectionOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject, but it resolved');
}

/** Waits for `promise`, failing with `message` after `ms` (a guard against hanging, not a timing check). */
export async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (waited ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}
