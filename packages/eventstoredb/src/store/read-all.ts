import type { EventStoreDBClient, Position, START } from '@eventstore/db-client';
import type { ReadAllOptions, RecordedEvent } from '@strata/core';
import { mapClientError } from '../errors/map-client-error.js';
import { toRecordedEvent } from '../events/event-mapping.js';
import { EventStoreDBSubscription, type ReconnectOptions } from './eventstoredb-subscription.js';
import { toEventStoreDBPosition } from './positions.js';
import { acceptsEvent } from './server-filter.js';
import { lowerBound, readPosition, resolveStart } from './start-position.js';

/** Events per `readAll` call when reading without a filter. */
const PAGE_SIZE = 500;

/**
 * `$all` in position order. Without a filter: pages of `readAll`, system events skipped.
 * With one: client 6's `readAll` sends no filter, so the read is a server-filtered
 * `subscribeToAll` that ends at the server's caught-up signal (KurrentDB 23.10+).
 */
export async function* readAllEvents(
  client: EventStoreDBClient,
  options: ReadAllOptions,
  reconnect: ReconnectOptions | undefined,
): AsyncGenerator<RecordedEvent> {
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (maxCount <= 0) return;
  let count = 0;
  if (options.filter !== undefined) {
    const feed = new EventStoreDBSubscription(client, {
      from: options.from,
      filter: options.filter,
      untilCaughtUp: true,
      reconnect,
    });
    try {
      for await (const event of feed) {
        yield event;
        if (++count >= maxCount) return;
      }
    } finally {
      await feed.stop();
    }
    return;
  }
  const accept = acceptsEvent(undefined);
  try {
    const start = await resolveStart(client, options.from);
    const lower = lowerBound(start);
    let position: Position | typeof START = readPosition(start);
    let repeat: bigint | undefined;
    for (;;) {
      let received = 0;
      let last: bigint | undefined;
      const page = client.readAll({ fromPosition: position, maxCount: PAGE_SIZE });
      let finished = false;
      try {
        for await (const resolved of page) {
          received++;
          const event = toRecordedEvent(resolved);
          // A page starts at the previous page's last event (reads are inclusive).
          if (!event || event.position === repeat) continue;
          last = event.position;
          if (event.position < lower || !accept(event)) continue;
          yield event;
          if (++count >= maxCount) return;
        }
        finished = true;
      } finally {
        // A reader that stops early leaves the call open on the server: cancel it.
        if (!finished) await page.cancel();
      }
      if (received < PAGE_SIZE || last === undefined) return;
      position = toEventStoreDBPosition(last);
      repeat = last;
    }
  } catch (error) {
    throw mapClientError(error, { operation: 'read $all' });
  }
}
