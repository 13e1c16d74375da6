import { StrataError } from '@strata/core';

/** A stored row the store cannot turn back into what was written (edited by hand, or damaged). */
export class CorruptRowError extends StrataError {
  /** `'event'`, `'snapshot'` or `'checkpoint'`. */
  readonly table: string;
  /** The row's key: the event's position, the snapshot's stream id, the checkpoint's name. */
  readonly key: string;
  readonly reason: string;

  constructor(table: string, key: string, reason: string, cause?: unknown) {
    super(
      'CORRUPT_ROW',
      `Corrupt ${table} row ${key}: ${reason}`,
      cause === undefined ? undefined : { cause },
    );
    this.table = table;
    this.key = key;
    this.reason = reason;
  }
}
