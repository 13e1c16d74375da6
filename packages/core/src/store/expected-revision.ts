import { ConcurrencyError } from '../errors/concurrency-error.js';

/**
 * EventStoreDB's meaning: `'any'` never conflicts; `'no_stream'` requires the stream not to
 * exist; `'stream_exists'` requires it to exist; a bigint requires the stream's last revision
 * to be exactly that (`-1n` is the same as `'no_stream'`).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** Throws `ConcurrencyError` unless `current` (`-1n` = no stream) satisfies `expected`. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: bigint): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1n) ||
    (expected === 'stream_exists' && current !== -1n) ||
    (typeof expected === 'bigint' && expected === current);
  if (!ok) throw new ConcurrencyError(streamId, expected, current);
}

/** The revision a batch would follow if it were written at `expected`, when that is fixed. */
export function expectedAsRevision(expected: ExpectedRevision): bigint | undefined {
  if (expected === 'no_stream') return -1n;
  return typeof expected === 'bigint' ? expected : undefined;
}
