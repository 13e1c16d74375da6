// What the run left in the store: streams by category, events, and the positions they hold.
import type { EventStore } from '@strata/core';
import { heading, say, table } from './narrator.js';

export interface StoredSummary {
  readonly events: number;
  readonly streams: number;
  readonly first: bigint | undefined;
  readonly last: bigint | undefined;
}

export async function storedChapter(store: EventStore): Promise<StoredSummary> {
  heading('What is stored');
  const categories = new Map<string, { streams: Set<string>; events: number; first: bigint; last: bigint }>();
  let events = 0;
  let first: bigint | undefined;
  let last: bigint | undefined;
  for await (const event of store.readAll()) {
    events++;
    first ??= event.position;
    last = event.position;
    const category = event.streamId.split('-', 1)[0] ?? event.streamId;
    const row = categories.get(category) ?? {
      streams: new Set<string>(),
      events: 0,
      first: event.position,
      last: event.position,
    };
    row.streams.add(event.streamId);
    row.events++;
    row.last = event.position;
    categories.set(category, row);
  }
  table(
    [...categories]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, row]) => ({
        category,
        streams: row.streams.size,
        events: row.events,
        positions: `${row.first}..${row.last}`,
      })),
  );
  const streams = [...categories.values()].reduce((sum, row) => sum + row.streams.size, 0);
  say(`${events} events in ${streams} streams; positions ${first ?? '-'}..${last ?? '-'}`);
  return { events, streams, first, last };
}
