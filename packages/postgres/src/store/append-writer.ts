import type { AppendResult, Clock } from '@strata/core';
import type { Driver } from '../driver/driver.js';
import type { SchemaNames } from '../schema/schema-names.js';
import {
  appendBatchStatement,
  appendOutcome,
  appendStatement,
  type AppendRow,
  type BatchedAppend,
} from './append.js';
import type { WriteGroup } from './group-commit.js';
import { settleLostAppend } from './lost-connection.js';
import { wrapError } from './sql-runner.js';

type Outcome = Awaited<ReturnType<WriteGroup>>[number];

async function settle(
  append: BatchedAppend,
  work: () => Promise<AppendResult> | AppendResult,
): Promise<Outcome> {
  try {
    return { result: await work() };
  } catch (error) {
    return { error: wrapError(`append to stream '${append.streamId}'`, error) };
  }
}

/** One append as its own statement; after a lost connection, settles whether it landed. */
export async function appendAlone(
  driver: Driver,
  names: SchemaNames,
  clock: Clock,
  { streamId, prepared, expected }: BatchedAppend,
): Promise<AppendResult> {
  const { text, params } = appendStatement(names, streamId, prepared, expected, clock.now());
  const outcome = await driver.queryTracked<AppendRow>(text, params);
  if ('lost' in outcome) return settleLostAppend(driver, names, streamId, prepared, outcome);
  return appendOutcome(streamId, prepared, expected, outcome.rows);
}

/** Writes a group commit's appends: one statement for all, or the lone append's own. */
export async function writeGroup(
  driver: Driver,
  names: SchemaNames,
  clock: Clock,
  group: readonly BatchedAppend[],
): Promise<Outcome[]> {
  const alone = (append: BatchedAppend) => settle(append, () => appendAlone(driver, names, clock, append));
  if (group.length === 1) return [await alone(group[0]!)];
  const { text, params } = appendBatchStatement(names, group, clock.now());
  const outcome = await driver.queryTracked<AppendRow & { ord: number }>(text, params).catch(() => undefined);
  // The statement failed as a whole, so nothing of it was written: each append alone then
  // meets its own error (or lands), and one bad append never fails its neighbours. In
  // order, one after the other: a later append may expect an earlier one's revision.
  if (!outcome) {
    const outcomes: Outcome[] = [];
    for (const append of group) outcomes.push(await alone(append));
    return outcomes;
  }
  if ('lost' in outcome) {
    return Promise.all(
      group.map((a) => settle(a, () => settleLostAppend(driver, names, a.streamId, a.prepared, outcome))),
    );
  }
  const rows = new Map(outcome.rows.map((row) => [Number(row.ord), row]));
  return Promise.all(
    group.map((a, i) => {
      const row = rows.get(i + 1);
      return settle(a, () => appendOutcome(a.streamId, a.prepared, a.expected, row ? [row] : []));
    }),
  );
}
