import { StrataError } from './strata-error.js';

/** A mistake in how events were defined: a gap in an upcaster chain, a duplicate type in a set. */
export class EventDefinitionError extends StrataError {
  readonly eventType: string;

  constructor(eventType: string, message: string) {
    super('EVENT_DEFINITION', `Event definition '${eventType}': ${message}`);
    this.eventType = eventType;
  }
}
