import type { EventInput, RecordedEvent } from '../events/event.js';
import type { EventFilter } from './event-filter.js';
import type { ExpectedRevision } from './expected-revision.js';

export interface AppendOptions {
  /** Default `'any'`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's last revision after the append: pass it as the next expected revision. */
  readonly nextExpectedRevision: bigint;
  /** The position of the last event of the batch. */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  /** First revision to read, inclusive. Default: the start (forwards) or the end (backwards). */
  readonly from?: bigint;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /**
   * First position to read, inclusive; it need not be the position of an event
   * (`checkpoint + 1n` is how a processor resumes). Default: the beginning.
   */
  readonly from?: bigint;
  readonly filter?: EventFilter;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** First position to deliver, inclusive (resume with `checkpoint + 1n`). Default: the beginning. */
  readonly from?: bigint;
  readonly filter?: EventFilter;
  /**
   * Called once, when the consumer has received every event stored when the subscription
   * caught up, and it goes live (an adapter that reads ahead waits until its buffer drains).
   */
  readonly onCaughtUp?: () => void;
}

/** Catches up, then delivers new events as they are appended, until `stop()`. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration promptly; a pending `next()` resolves as done. */
  stop(): Promise<void>;
}

/** The port every store adapter implements. Revisions and positions are bigint. */
export interface EventStore {
  /**
   * Appends a batch that lands whole or not at all. `data` may be any JSON value. An empty
   * batch checks the expected revision, writes nothing, creates no stream and returns the
   * current revision.
   */
  append(streamId: string, events: readonly EventInput[], options?: AppendOptions): Promise<AppendResult>;
  /** One stream's events; a missing stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** Every stream's events in position order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribe(options?: SubscribeOptions): Subscription;
  /**
   * Ends every subscription and releases connections. Closing twice is harmless; an append
   * after `close()` rejects with `StoreClosedError`.
   */
  close(): Promise<void>;
}
