import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import { compileFilter, type EventFilter, type RecordedEvent } from '@strata/core';
import { isSystemEvent } from '../events/event-mapping.js';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The server-side filter for a Strata filter. EventStoreDB filters on the stream name or the
 * event type, not both: streams win (they usually select less), and the client-side check
 * (`acceptsEvent`) applies every condition anyway. Without a filter, system events are
 * excluded on the server, as `excludeSystemEvents()` does.
 */
export function toServerFilter(filter: EventFilter | undefined): Filter {
  const prefixes = [filter?.streamPrefix, filter?.category !== undefined ? `${filter.category}-` : undefined]
    .filter((prefix): prefix is string => prefix !== undefined)
    // Both must hold, so the longer one is the one to send when one extends the other.
    .sort((a, b) => b.length - a.length);
  if (prefixes.length > 0) return streamNameFilter({ prefixes: [prefixes[0]!] });
  const types = filter?.eventTypes;
  if (types && types.length > 0) {
    return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
}

/** The client-side check: the whole Strata filter, and never a system event. */
export function acceptsEvent(filter: EventFilter | undefined): (event: RecordedEvent) => boolean {
  const matches = compileFilter(filter);
  return (event) => !isSystemEvent(event) && (!matches || matches(event));
}
