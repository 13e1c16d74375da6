import {
  EventTooLargeError,
  EventValidationError,
  MalformedEventError,
  UnknownEventTypeError,
} from '@strata/core';
import { AccountEvents } from '../getting-started/loyalty-account.js';
// #region memory-options
import { MemoryEventStore, createEventStore, sequentialIds, steppingClock } from '@strata/core';

// Both give the same store; createEventStore('memory:', options) passes the options through.
export const strict = new MemoryEventStore({
  events: AccountEvents, // validate every append: known types, data that passes the schema
  maxEventBytes: 64 * 1024, // JSON data + metadata per event (default MAX_EVENT_BYTES, 1 MiB)
  clock: steppingClock('2025-01-01T00:00:00Z', 1000), // recordedAt: deterministic
  ids: sequentialIds(), // eventId: 00000000-0000-4000-8000-000000000001, …
});
export const alsoStrict = createEventStore('memory:', { events: AccountEvents, maxEventBytes: 64 * 1024 });
// #endregion

export async function rejectedBatches(store: MemoryEventStore): Promise<string[]> {
  const codes: string[] = [];
  // #region all-or-nothing
  const good = { type: 'loyalty.customer.enrolled', data: { accountId: 'a-1', programId: 'p' } };
  const batches = [
    [good, { type: 'loyalty.points.earned', data: { accountId: 'a-1', points: -5, reason: 'x' } }], // schema
    [good, { type: 'loyalty.badge.awarded', data: {} }], // a type the store was not given
    [good, { type: 'loyalty.customer.enrolled', data: { accountId: 'a-1', programId: 'p', at: new Date() } }],
    [good, { type: 'loyalty.customer.enrolled', data: { accountId: 'a-1', programId: 'x'.repeat(70_000) } }],
  ];
  for (const batch of batches) {
    try {
      await store.append('loyaltyAccount-a-1', batch);
    } catch (error) {
      if (
        error instanceof EventValidationError || // EVENT_VALIDATION, with zod issues and batch index
        error instanceof UnknownEventTypeError || // UNKNOWN_EVENT_TYPE
        error instanceof MalformedEventError || // MALFORMED_EVENT: a Date is not JSON
        error instanceof EventTooLargeError // EVENT_TOO_LARGE
      ) {
        codes.push(error.code);
      } else throw error;
    }
  }
  // Every batch was refused whole: the stream is still empty.
  // #endregion
  return codes;
}
