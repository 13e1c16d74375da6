import type { z } from 'zod';
import { EventDefinitionError } from '../errors/event-definition-error.js';
import { EventValidationError, type EventLocation } from '../errors/event-validation-error.js';
import type { NewEvent } from './event.js';
import type { Metadata } from './metadata.js';

type Schema = z.ZodType;

/** An upcaster takes data of one schema version to the next; `old` is typed by its author. */
export type Upcaster<Out = unknown> = (old: never) => Out;

/** OlderOf[V] is 1 | … | V-1 and PreviousOf[V] is V-1, for versions up to 16. */
type OlderOf = [
  never,
  never,
  1,
  1 | 2,
  1 | 2 | 3,
  1 | 2 | 3 | 4,
  1 | 2 | 3 | 4 | 5,
  1 | 2 | 3 | 4 | 5 | 6,
  1 | 2 | 3 | 4 | 5 | 6 | 7,
  1 | 2 | 3 | 4 | 5 | 6 | 7 | 8,
  1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9,
  1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10,
  1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11,
  1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12,
  1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13,
  1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14,
  1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15,
];
type PreviousOf = [never, never, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
type OlderVersions<V extends number> = V extends keyof OlderOf ? OlderOf[V] : number;
type PreviousVersion<V extends number> = V extends keyof PreviousOf ? PreviousOf[V] : number;

/**
 * Upcasters keyed by the version they upgrade from. The step from V-1 must produce the
 * current schema's input; earlier steps produce whatever the next step accepts.
 */
export type UpcasterChain<V extends number, S extends Schema> = number extends V
  ? { readonly [from: number]: Upcaster }
  : {
      readonly [K in OlderVersions<V>]?: K extends PreviousVersion<V> ? Upcaster<z.input<S>> : Upcaster;
    };

export interface DefineEventOptions<V extends number, S extends Schema> {
  /** The current schema version (default 1). */
  readonly version?: V;
  readonly upcast?: UpcasterChain<V, S>;
}

/** Anything shaped like an event that `parse` can read: a stored row, a recorded event. */
export interface RawEvent {
  readonly type?: string;
  readonly data: unknown;
  readonly metadata?: Metadata;
  readonly schemaVersion?: number;
  readonly streamId?: string;
  readonly revision?: bigint;
}

export type Parsed<R, T extends string, D> = Omit<R, 'type' | 'data' | 'schemaVersion' | 'metadata'> & {
  readonly type: T;
  readonly data: D;
  readonly schemaVersion: number;
  readonly metadata: Metadata;
};

export interface EventDefinition<T extends string = string, S extends Schema = Schema> {
  readonly type: T;
  readonly schema: S;
  readonly version: number;
  /** The versions `parse` can upcast from, oldest first (empty when there are no upcasters). */
  readonly upcastsFrom: readonly number[];
  /** A new event with validated data (zod output, so defaults are filled in). */
  create(data: z.input<S>, metadata?: Metadata): NewEvent<T, z.output<S>>;
  /** Narrows an event of any union to this definition's type (a property: `events.filter(Def.is)` works). */
  readonly is: <E extends { readonly type: string }>(
    event: E,
  ) => event is E & { readonly type: T; readonly data: z.output<S> };
  /**
   * Reads an event of this type written at any known schema version: upcasts along the
   * chain to the current version, then validates. Other fields (ids, revision…) are kept.
   */
  parse<R extends RawEvent>(raw: R): Parsed<R, T, z.output<S>>;
}

/** Defines an event type: its name, zod schema, schema version and upcasters from older versions. */
export function defineEvent<const T extends string, S extends Schema, const V extends number = 1>(
  type: T,
  schema: S,
  options: DefineEventOptions<V, S> = {},
): EventDefinition<T, S> {
  if (typeof type !== 'string' || type.length === 0) {
    throw new EventDefinitionError(String(type), 'the type must be a non-empty string');
  }
  const version = options.version ?? 1;
  if (!Number.isInteger(version) || version < 1) {
    throw new EventDefinitionError(type, `version must be an integer >= 1, got ${String(version)}`);
  }
  const upcasters = new Map<number, (old: unknown) => unknown>();
  for (const [key, fn] of Object.entries(options.upcast ?? {})) {
    const from = Number(key);
    if (!Number.isInteger(from) || from < 1 || from >= version) {
      throw new EventDefinitionError(
        type,
        `an upcaster from version ${key} makes no sense for current version ${version}`,
      );
    }
    if (typeof fn !== 'function')
      throw new EventDefinitionError(type, `the upcaster from version ${key} is not a function`);
    upcasters.set(from, fn as (old: unknown) => unknown);
  }
  const upcastsFrom = [...upcasters.keys()].sort((a, b) => a - b);
  // Each version from the oldest upcaster up to the current one needs its own step.
  for (let from = upcastsFrom[0] ?? version; from < version; from++) {
    if (!upcasters.has(from)) {
      throw new EventDefinitionError(
        type,
        `the upcaster chain to version ${version} has no step from version ${from} to ${from + 1}`,
      );
    }
  }

  const validate = (data: unknown, location: EventLocation): z.output<S> => {
    const result = schema.safeParse(data);
    if (!result.success) throw new EventValidationError(type, result.error.issues, location);
    return result.data;
  };

  const fail = (message: string, location: EventLocation): never => {
    throw new EventValidationError(type, [{ code: 'custom', path: [], message, input: undefined }], location);
  };

  return Object.freeze({
    type,
    schema,
    version,
    upcastsFrom: Object.freeze(upcastsFrom),
    create(data: z.input<S>, metadata: Metadata = {}): NewEvent<T, z.output<S>> {
      return { type, data: validate(data, {}), metadata, schemaVersion: version };
    },
    is<E extends { readonly type: string }>(
      event: E,
    ): event is E & { readonly type: T; readonly data: z.output<S> } {
      return event !== null && typeof event === 'object' && event.type === type;
    },
    parse<R extends RawEvent>(raw: R): Parsed<R, T, z.output<S>> {
      const location: EventLocation = {
        ...(raw.streamId !== undefined ? { streamId: raw.streamId } : {}),
        ...(raw.revision !== undefined ? { revision: raw.revision } : {}),
      };
      if (raw.type !== undefined && raw.type !== type)
        fail(`expected type '${type}', got '${raw.type}'`, location);
      let from = raw.schemaVersion ?? 1;
      if (!Number.isInteger(from) || from < 1)
        fail(`schema version ${String(from)} is not a version`, location);
      if (from > version) {
        fail(`written at schema version ${from}, newer than this reader's version ${version}`, location);
      }
      let data = raw.data;
      for (; from < version; from++) {
        const step = upcasters.get(from);
        if (!step) fail(`no upcaster from schema version ${from}`, location);
        try {
          data = step!(data);
        } catch (error) {
          fail(`the upcaster from version ${from} threw: ${(error as Error).message}`, location);
        }
      }
      return {
        ...raw,
        type,
        data: validate(data, location),
        schemaVersion: version,
        metadata: raw.metadata ?? {},
      };
    },
  });
}
