import { StrataError } from './strata-error.js';

/**
 * An event that no store can keep as given: not an object, no type, or data/metadata
 * that JSON cannot carry (functions, bigint, NaN, Date, class instances, cycles).
 */
export class MalformedEventError extends StrataError {
  readonly streamId: string;
  readonly index: number;
  /** Path inside the event, such as `data.items.0.price`. */
  readonly path: string;
  readonly reason: string;

  constructor(streamId: string, index: number, path: string, reason: string) {
    super(
      'MALFORMED_EVENT',
      `Malformed event at batch index ${index} for stream '${streamId}': ${path}: ${reason}`,
    );
    this.streamId = streamId;
    this.index = index;
    this.path = path;
    this.reason = reason;
  }
}
