import { ConcurrencyError } from '../errors/concurrency-error.js';
import { expectedAsRevision, type ExpectedRevision } from './expected-revision.js';

/**
 * EventStoreDB's idempotent re-append: a batch whose event ids are already the stream's
 * events at the place the writer expected (or, with `'any'`/`'stream_exists'`, anywhere
 * in the stream, in order) is a repeat of a write that landed, not a new one.
 * Returns the revision of the repeated batch's last event, or undefined when it is new.
 * A batch that repeats only part of a landed one is a conflict.
 */
export function findIdempotentWrite<S>(
  streamId: string,
  batch: ReadonlyArray<{ readonly eventId: string }>,
  expected: ExpectedRevision,
  current: bigint,
  lookup: (eventId: string) => S | undefined,
  revisionOf: (stored: S) => bigint,
): { lastRevision: bigint } | undefined {
  const first = batch[0];
  if (first === undefined || current === -1n) return undefined;
  const fixed = expectedAsRevision(expected);
  // With a fixed expectation that still holds, the batch is simply written.
  if (fixed !== undefined && fixed === current) return undefined;
  const firstStored = lookup(first.eventId);
  if (firstStored === undefined) return undefined;
  const start = revisionOf(firstStored);
  if (fixed !== undefined && start !== fixed + 1n) return undefined;
  for (let i = 1; i < batch.length; i++) {
    const stored = lookup(batch[i]!.eventId);
    if (stored === undefined || revisionOf(stored) !== start + BigInt(i)) {
      throw new ConcurrencyError(streamId, expected, current);
    }
  }
  return { lastRevision: start + BigInt(batch.length - 1) };
}
