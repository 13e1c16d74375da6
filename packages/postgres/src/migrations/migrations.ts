import type { SchemaNames } from '../schema/schema-names.js';
import { initialSchema } from './001-initial.js';
import { appendFunction } from './002-append-function.js';
import { appendBatchFunction } from './003-append-batch-function.js';

export interface Migration {
  /** Applied in ascending order; never renumber or edit one that shipped, add the next. */
  readonly version: number;
  readonly name: string;
  readonly sql: (names: SchemaNames) => string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'streams, events, checkpoints, snapshots', sql: initialSchema },
  { version: 2, name: 'append_events function', sql: appendFunction },
  { version: 3, name: 'append_events_batch function (group commit)', sql: appendBatchFunction },
];
