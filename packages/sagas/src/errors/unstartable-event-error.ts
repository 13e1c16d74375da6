import { StrataError } from '@strata/core';

/**
 * A starting event that cannot start its saga: its data fails the definition's schema, or
 * `correlate` throws or gives no id. The orchestrator reports it through `onError` and goes on.
 */
export class UnstartableEventError extends StrataError {
  readonly saga: string;
  readonly eventId: string;
  readonly position: bigint;

  constructor(saga: string, event: { eventId: string; position: bigint }, problem: string, cause?: unknown) {
    super(
      'SAGA_UNSTARTABLE_EVENT',
      `Event ${event.eventId} at position ${event.position} cannot start saga '${saga}': ${problem}`,
      { cause },
    );
    this.saga = saga;
    this.eventId = event.eventId;
    this.position = event.position;
  }
}
