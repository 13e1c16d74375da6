import type { SchemaNames } from '../schema/schema-names.js';
import { initialSchema } from './001-initial.js';
import { appendFunction } from './002-append-function.js';

export interface Migration {
  /** Applied in ascending order; never renumber or edit one that shipped, add the next. */
  readonly version: number;
  readonly name: string;
  readonly sql: (names: SchemaNames) => string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'streams, events, checkpoints, snapshots', sql: initialSchema },
  { version: 2, name: 'append_events function', sql: appendFunction },
];
