import { StrataError } from './strata-error.js';

/** An event whose JSON data and metadata together exceed the store's limit (1 MiB by default). */
export class EventTooLargeError extends StrataError {
  readonly eventType: string;
  readonly streamId: string;
  readonly index: number;
  readonly size: number;
  readonly limit: number;

  constructor(streamId: string, eventType: string, index: number, size: number, limit: number) {
    super(
      'EVENT_TOO_LARGE',
      `Event '${eventType}' at batch index ${index} for stream '${streamId}' is ${size} bytes of JSON; the limit is ${limit}`,
    );
    this.eventType = eventType;
    this.streamId = streamId;
    this.index = index;
    this.size = size;
    this.limit = limit;
  }
}
