import { AccessDeniedError, START, type EventStoreDBClient, type Position } from '@eventstore/db-client';
import { isTransient } from '../errors/map-client-error.js';
import { toEventStoreDBPosition } from './positions.js';

/**
 * Where a `$all` read or subscription starts for a Strata `from` (inclusive, any bigint).
 * EventStoreDB only accepts positions where a record starts (KurrentDB answers
 * `InvalidPosition` otherwise, PR #4128), while Strata callers pass an event's position
 * (`at`) or a checkpoint plus one (`after` the checkpoint's event).
 */
export type Start =
  | { readonly kind: 'start' }
  /** `from` is a record: read from it, inclusive. */
  | { readonly kind: 'at'; readonly position: bigint }
  /** `from - 1n` is a record: everything after it. */
  | { readonly kind: 'after'; readonly position: bigint }
  /** Neither is a record: read from the start and skip what is below `from`. */
  | { readonly kind: 'scan'; readonly from: bigint };

async function isRecordStart(client: EventStoreDBClient, position: bigint): Promise<boolean> {
  try {
    for await (const _ of client.readAll({ fromPosition: toEventStoreDBPosition(position), maxCount: 1 })) {
      // One event at most: reaching here means the server accepted the position.
    }
    return true;
  } catch (error) {
    if (isTransient(error) || error instanceof AccessDeniedError) throw error;
    return false;
  }
}

export async function resolveStart(client: EventStoreDBClient, from: bigint | undefined): Promise<Start> {
  if (from === undefined || from <= 0n) return { kind: 'start' };
  if (await isRecordStart(client, from)) return { kind: 'at', position: from };
  if (await isRecordStart(client, from - 1n)) return { kind: 'after', position: from - 1n };
  return { kind: 'scan', from };
}

/** The lowest position a read from `start` may deliver. */
export function lowerBound(start: Start): bigint {
  switch (start.kind) {
    case 'start':
      return 0n;
    case 'at':
      return start.position;
    case 'after':
      return start.position + 1n;
    case 'scan':
      return start.from;
  }
}

/** The position to read `$all` from, inclusive. */
export function readPosition(start: Start): Position | typeof START {
  return start.kind === 'at' || start.kind === 'after' ? toEventStoreDBPosition(start.position) : START;
}
