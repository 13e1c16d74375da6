import { EventDefinitionError } from '../errors/event-definition-error.js';
import type { EventDefinition } from '../events/define-event.js';
import type { EventSet } from '../events/define-events.js';

/** One lookup over the event sets a store was given, so it can validate appends. */
export interface EventRegistry {
  get(type: string): EventDefinition | undefined;
  readonly types: readonly string[];
}

export function toRegistry(events: EventSet | readonly EventSet[] | undefined): EventRegistry | undefined {
  if (!events) return undefined;
  const sets: readonly EventSet[] = Array.isArray(events)
    ? (events as readonly EventSet[])
    : [events as EventSet];
  const byType = new Map<string, EventDefinition>();
  for (const set of sets) {
    for (const definition of set.definitions) {
      const known = byType.get(definition.type);
      if (known && known !== definition) {
        throw new EventDefinitionError(
          definition.type,
          'two different definitions of one type were given to one store',
        );
      }
      byType.set(definition.type, definition);
    }
  }
  return { get: (type) => byType.get(type), types: [...byType.keys()] };
}
