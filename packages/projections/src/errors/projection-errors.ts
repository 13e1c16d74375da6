import { StrataError } from '@strata/core';

/** A projection definition or a runner's options that cannot work (names which and why). */
export class ProjectionConfigError extends StrataError {
  readonly projection: string | undefined;

  constructor(message: string, projection?: string) {
    super('PROJECTION_CONFIG', projection ? `projection '${projection}': ${message}` : message);
    this.projection = projection;
  }
}

/** `rebuild`, `resume` or a dead-letter call named a projection the runner does not run. */
export class ProjectionNotFoundError extends StrataError {
  readonly projection: string;

  constructor(projection: string, known: readonly string[]) {
    super(
      'PROJECTION_NOT_FOUND',
      `the runner has no projection '${projection}' (it runs: ${known.join(', ') || 'none'})`,
    );
    this.projection = projection;
  }
}

/** A dead letter id that is not (or no longer) stored. */
export class DeadLetterNotFoundError extends StrataError {
  readonly id: string;

  constructor(id: string) {
    super('DEAD_LETTER_NOT_FOUND', `no dead letter '${id}' (retried or discarded already?)`);
    this.id = id;
  }
}

/** `documents(…).update(id, …)` on a document that does not exist. */
export class DocumentNotFoundError extends StrataError {
  readonly collection: string;
  readonly id: string;

  constructor(collection: string, id: string) {
    super('DOCUMENT_NOT_FOUND', `no document '${id}' in collection '${collection}' to update`);
    this.collection = collection;
    this.id = id;
  }
}

/**
 * The runner lost its lease on a projection build (another process holds it now); the batch
 * it was writing was not committed.
 */
export class LeaseLostError extends StrataError {
  readonly key: string;
  readonly owner: string;

  constructor(key: string, owner: string) {
    super('LEASE_LOST', `runner '${owner}' no longer holds the lease '${key}'; its batch was rolled back`);
    this.key = key;
    this.owner = owner;
  }
}

/** A handler failed: the event and the attempt it failed on, with the handler's error as cause. */
export class ProjectionHandlerError extends StrataError {
  readonly projection: string;
  readonly eventType: string;
  readonly position: bigint;
  readonly attempts: number;

  constructor(
    projection: string,
    event: { type: string; position: bigint; streamId: string },
    attempts: number,
    cause: unknown,
  ) {
    super(
      'PROJECTION_HANDLER_FAILED',
      `projection '${projection}' failed on ${event.type} at position ${event.position} ` +
        `(stream ${event.streamId}) after ${attempts} attempt(s): ${messageOf(cause)}`,
      { cause },
    );
    this.projection = projection;
    this.eventType = event.type;
    this.position = event.position;
    this.attempts = attempts;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A batch for a build that a newer build replaced (another runner switched reads meanwhile). */
export class BuildRetiredError extends StrataError {
  readonly projection: string;
  readonly version: number;

  constructor(projection: string, version: number, generation: number) {
    super(
      'PROJECTION_BUILD_RETIRED',
      `projection '${projection}' v${version}.${generation} was replaced by a newer build; its batch was rolled back`,
    );
    this.projection = projection;
    this.version = version;
  }
}
