// #region json
import {
  decodeRecordedEvent,
  encodeRecordedEvent,
  type RecordedEvent,
  type RecordedEventJson,
} from '@strata/core';

// JSON.stringify throws on a bigint ("Do not know how to serialize a BigInt"): encode explicitly.
export function toJson(event: RecordedEvent): string {
  return JSON.stringify(encodeRecordedEvent(event)); // revision and position as strings, recordedAt ISO
}

export function fromJson(text: string): RecordedEvent {
  return decodeRecordedEvent(JSON.parse(text) as RecordedEventJson);
}
// #endregion

export function arithmetic(last: bigint | undefined) {
  // #region arithmetic
  const from = last === undefined ? 0n : last + 1n; // resume after a checkpoint
  const isNew = (revision: bigint) => revision === -1n; // -1n: no stream, no event
  const behind = 1_000n - from; // bigint with bigint only: 1_000 - from does not compile
  // #endregion
  return { from, isNew, behind };
}
