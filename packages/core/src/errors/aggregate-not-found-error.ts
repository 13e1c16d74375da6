import { StrataError } from './strata-error.js';

/** `Repository.load` found no stream (and no snapshot) for the aggregate. */
export class AggregateNotFoundError extends StrataError {
  readonly streamId: string;

  constructor(streamId: string) {
    super('AGGREGATE_NOT_FOUND', `No aggregate in stream '${streamId}': the stream has no events`);
    this.streamId = streamId;
  }
}
