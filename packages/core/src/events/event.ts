import type { Metadata } from './metadata.js';

/** A new event, before a store records it. */
export interface NewEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
  readonly metadata: Metadata;
  /** The version of the event's schema that `data` follows. */
  readonly schemaVersion: number;
  /** Set it to make a retried append idempotent; the store assigns one otherwise. */
  readonly eventId?: string;
}

/** What an `append` accepts: a new event whose metadata and schema version may be left out. */
export interface EventInput {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Metadata;
  readonly schemaVersion?: number;
  readonly eventId?: string;
}

/** An event as a store recorded it. */
export interface RecordedEvent<T extends string = string, D = unknown> {
  readonly eventId: string;
  readonly streamId: string;
  /** 0-based place in its stream. */
  readonly revision: bigint;
  /** Global order in the store: strictly increasing, not necessarily contiguous. */
  readonly position: bigint;
  readonly recordedAt: Date;
  readonly schemaVersion: number;
  readonly type: T;
  readonly data: D;
  readonly metadata: Metadata;
}

/** The recorded form of each member of a union of new events (keeps it discriminated). */
export type Recorded<E extends { readonly type: string; readonly data: unknown }> = E extends unknown
  ? RecordedEvent<E['type'], E['data']>
  : never;
