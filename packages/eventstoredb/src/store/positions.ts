import type { Position } from '@eventstore/db-client';

/** What the server sends where it has no position (`ulong.MaxValue`). */
const NO_POSITION = 2n ** 64n - 1n;

/**
 * Strata's position is EventStoreDB's commit position in `$all`. Events without one (a stream
 * read from an old server) get `-1n`, which no position comparison can mistake for a real one.
 */
export function toStrataPosition(commit: bigint | undefined): bigint {
  return commit === undefined || commit === NO_POSITION ? -1n : commit;
}

/**
 * The `$all` position of a Strata position. An event written through the gRPC API is its own
 * implicit transaction, so its prepare position is its commit position.
 */
export function toEventStoreDBPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}
