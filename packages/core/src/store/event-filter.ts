import type { RecordedEvent } from '../events/event.js';

/** Which events a `readAll` or `subscribe` delivers. All given conditions must hold. */
export interface EventFilter {
  /** Streams whose id starts with this (`'loyaltyAccount-a-'`). */
  readonly streamPrefix?: string;
  /** Streams of one category: `category` is the part before the first `-` of the stream id. */
  readonly category?: string;
  /** Only these event types. */
  readonly eventTypes?: readonly string[];
}

/** The category of a stream id: everything before the first `-` (EventStoreDB's `$ce-` rule). */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}

/** Compiles a filter into a predicate; undefined when it lets everything through. */
export function compileFilter(
  filter: EventFilter | undefined,
): ((event: Pick<RecordedEvent, 'streamId' | 'type'>) => boolean) | undefined {
  if (!filter) return undefined;
  const { streamPrefix, category, eventTypes } = filter;
  const types = eventTypes ? new Set(eventTypes) : undefined;
  const categoryPrefix = category !== undefined ? `${category}-` : undefined;
  if (streamPrefix === undefined && categoryPrefix === undefined && !types) return undefined;
  return (event) =>
    (streamPrefix === undefined || event.streamId.startsWith(streamPrefix)) &&
    (categoryPrefix === undefined || event.streamId.startsWith(categoryPrefix)) &&
    (types === undefined || types.has(event.type));
}
