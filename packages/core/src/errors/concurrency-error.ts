import type { ExpectedRevision } from '../store/expected-revision.js';
import { describeRevision } from './revision.js';
import { StrataError } from './strata-error.js';

/** An append found the stream at another revision than the one the writer expected. */
export class ConcurrencyError extends StrataError {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  /** The stream's current revision; `-1n` when the stream does not exist. */
  readonly actualRevision: bigint;

  constructor(streamId: string, expectedRevision: ExpectedRevision, actualRevision: bigint) {
    super(
      'CONCURRENCY',
      `Stream '${streamId}' is at revision ${actualRevision === -1n ? '-1 (no stream)' : actualRevision.toString()}, ` +
        `but the append expected ${describeRevision(expectedRevision)}`,
    );
    this.streamId = streamId;
    this.expectedRevision = expectedRevision;
    this.actualRevision = actualRevision;
  }
}
