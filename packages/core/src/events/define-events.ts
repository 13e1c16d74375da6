import type { z } from 'zod';
import { EventDefinitionError } from '../errors/event-definition-error.js';
import { UnknownEventTypeError } from '../errors/unknown-event-type-error.js';
import type { EventDefinition } from './define-event.js';
import type { NewEvent, RecordedEvent } from './event.js';

type AnyDefinition = EventDefinition<string, z.ZodType>;

export interface DecodeOptions {
  /**
   * Validate events already at the current schema version too. Off by default: they were
   * validated when they were raised or appended. Older versions are always upcast and validated.
   */
  readonly revalidate?: boolean;
  /** Return undefined for types the set does not know, instead of throwing `UnknownEventTypeError`. */
  readonly skipUnknown?: boolean;
}

/** A closed set of event definitions: one aggregate's, one projection's or one deployment's. */
export interface EventSet<Defs extends readonly AnyDefinition[] = readonly AnyDefinition[]> {
  readonly definitions: Defs;
  readonly types: readonly Defs[number]['type'][];
  get<T extends Defs[number]['type']>(type: T): Extract<Defs[number], { type: T }>;
  get(type: string): Defs[number] | undefined;
  has(type: string): boolean;
  /** Reads a recorded event into the set's current shapes (upcasting where needed). */
  decode(event: RecordedEvent, options?: DecodeOptions & { skipUnknown?: false }): RecordedEvent;
  decode(event: RecordedEvent, options?: DecodeOptions): RecordedEvent | undefined;
}

/** The union of new events that a definition or a set describes, discriminated by `type`. */
export type EventOf<X> =
  X extends EventSet<infer Defs>
    ? DefinitionEvent<Defs[number]>
    : X extends AnyDefinition
      ? DefinitionEvent<X>
      : X extends readonly AnyDefinition[]
        ? DefinitionEvent<X[number]>
        : never;

type DefinitionEvent<D> = D extends EventDefinition<infer T, infer S> ? NewEvent<T, z.output<S>> : never;

/** Groups definitions into a set; a type may appear only once in a set. */
export function defineEvents<const Defs extends readonly AnyDefinition[]>(
  ...definitions: Defs
): EventSet<Defs> {
  const byType = new Map<string, AnyDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) {
      throw new EventDefinitionError(definition.type, 'the type appears twice in one event set');
    }
    byType.set(definition.type, definition);
  }
  const types = Object.freeze([...byType.keys()]);
  const set = {
    definitions,
    types,
    get: (type: string) => byType.get(type),
    has: (type: string) => byType.has(type),
    decode(event: RecordedEvent, options: DecodeOptions = {}): RecordedEvent | undefined {
      const definition = byType.get(event.type);
      if (!definition) {
        if (options.skipUnknown) return undefined;
        throw new UnknownEventTypeError(event.type, {
          streamId: event.streamId,
          revision: event.revision,
          knownTypes: types,
        });
      }
      if (event.schemaVersion === definition.version && !options.revalidate) return event;
      return definition.parse(event);
    },
  };
  return Object.freeze(set) as unknown as EventSet<Defs>;
}
