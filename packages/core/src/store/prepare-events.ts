import { EventTooLargeError } from '../errors/event-too-large-error.js';
import { EventValidationError } from '../errors/event-validation-error.js';
import { MalformedEventError } from '../errors/malformed-event-error.js';
import { InvalidStreamIdError } from '../errors/store-errors.js';
import { UnknownEventTypeError } from '../errors/unknown-event-type-error.js';
import { deepFreeze } from '../events/deep-freeze.js';
import type { EventInput } from '../events/event.js';
import { findNonJson } from '../events/json-check.js';
import { mergeMetadata, type Metadata } from '../events/metadata.js';
import type { IdGenerator } from '../providers/ids.js';
import type { EventRegistry } from './event-registry.js';

/** The default limit on one event's JSON data plus metadata, as EventStoreDB has it. */
export const MAX_EVENT_BYTES = 1024 * 1024;

/** An event that passed every check an append makes, with its JSON ready for a store. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The data as JSON will give it back (a fresh, frozen copy). */
  readonly data: unknown;
  readonly metadata: Metadata;
  readonly dataJson: string;
  readonly metadataJson: string;
}

export interface PrepareOptions {
  readonly ids: IdGenerator;
  /** When given, every event must be of a known type and pass its schema. */
  readonly registry?: EventRegistry | undefined;
  readonly maxEventBytes?: number;
  /** Metadata stamped onto every event, over the event's own (a tenant view uses it). */
  readonly stamp?: Metadata;
}

const EMPTY_METADATA: Metadata = Object.freeze({});

/**
 * A prepared event whose `data` copy is made when first asked for: the memory store keeps
 * it, while PostgreSQL and EventStoreDB send `dataJson` and never pay for a parse and freeze.
 */
class Prepared implements PreparedEvent {
  eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly metadata: Metadata;
  readonly dataJson: string;
  readonly metadataJson: string;
  #data: unknown;
  #copied = false;

  constructor(
    eventId: string,
    type: string,
    schemaVersion: number,
    metadata: Metadata,
    dataJson: string,
    metadataJson: string,
  ) {
    this.eventId = eventId;
    this.type = type;
    this.schemaVersion = schemaVersion;
    this.metadata = metadata;
    this.dataJson = dataJson;
    this.metadataJson = metadataJson;
  }

  get data(): unknown {
    if (!this.#copied) {
      this.#data = deepFreeze(JSON.parse(this.dataJson) as unknown);
      this.#copied = true;
    }
    return this.#data;
  }
}

function malformed(streamId: string, index: number, path: string, reason: string): MalformedEventError {
  return new MalformedEventError(streamId, index, path, reason);
}

function assertStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidStreamIdError(String(streamId), 'a stream id is a non-empty string');
  }
}

/**
 * Checks a whole batch before anything is written, so an append lands whole or not at all.
 * Every adapter calls it: one set of rules for what an event may be.
 */
export function prepareEvents(
  streamId: string,
  events: readonly EventInput[],
  options: PrepareOptions,
): PreparedEvent[] {
  assertStreamId(streamId);
  if (!Array.isArray(events))
    throw new MalformedEventError(streamId, 0, '(batch)', 'events must be an array');
  const limit = options.maxEventBytes ?? MAX_EVENT_BYTES;
  const prepared = new Array<Prepared>(events.length);
  for (let index = 0; index < events.length; index++) {
    const event: unknown = events[index];
    if (event === null || typeof event !== 'object' || Array.isArray(event))
      throw malformed(streamId, index, '(event)', 'an event is an object');
    const input = event as EventInput;
    if (typeof input.type !== 'string' || input.type.length === 0)
      throw malformed(streamId, index, 'type', 'the type is a non-empty string');
    if (input.eventId !== undefined && (typeof input.eventId !== 'string' || input.eventId.length === 0)) {
      throw malformed(streamId, index, 'eventId', 'an event id is a non-empty string');
    }
    const schemaVersion = input.schemaVersion ?? 1;
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1)
      throw malformed(streamId, index, 'schemaVersion', 'an integer >= 1');
    const rawMetadata: unknown = input.metadata ?? EMPTY_METADATA;
    if (rawMetadata === null || typeof rawMetadata !== 'object' || Array.isArray(rawMetadata)) {
      throw malformed(streamId, index, 'metadata', 'metadata is an object');
    }
    const nonJson = findNonJson(input.data, 'data') ?? findNonJson(rawMetadata, 'metadata');
    if (nonJson) throw malformed(streamId, index, nonJson.path, nonJson.reason);

    const definition = options.registry?.get(input.type);
    if (options.registry && !definition) {
      throw new UnknownEventTypeError(input.type, { streamId, knownTypes: options.registry.types });
    }
    if (definition) {
      try {
        definition.parse({ type: input.type, data: input.data, schemaVersion });
      } catch (error) {
        if (error instanceof EventValidationError) {
          throw new EventValidationError(input.type, error.issues, { streamId, index });
        }
        throw error;
      }
    }

    const metadata = options.stamp
      ? mergeMetadata(rawMetadata as Metadata, options.stamp)
      : (rawMetadata as Metadata);
    const dataJson = JSON.stringify(input.data);
    const metadataJson = JSON.stringify(metadata);
    const chars = dataJson.length + metadataJson.length;
    // A UTF-16 unit is at most 3 UTF-8 bytes: count exactly only when the limit is in reach.
    if (chars * 3 > limit) {
      const size = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
      if (size > limit) throw new EventTooLargeError(streamId, input.type, index, size, limit);
    }
    prepared[index] = new Prepared(
      input.eventId ?? '',
      input.type,
      schemaVersion,
      metadataJson === '{}' ? EMPTY_METADATA : deepFreeze(JSON.parse(metadataJson) as Metadata),
      dataJson,
      metadataJson,
    );
  }
  // Ids are drawn only once every event passed, so a refused batch uses none up.
  for (const event of prepared) if (event.eventId === '') event.eventId = options.ids.next();
  return prepared;
}
