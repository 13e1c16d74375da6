import { type EventDefinition, type EventOf, type EventSet, type Metadata } from '@strata/core';
import fc from 'fast-check';
import type { z } from 'zod';
import { arbitraryOf, type ArbitraryOfOptions } from './arbitrary-of.js';
import { UnsatisfiableSchemaError } from './unsatisfiable-schema-error.js';

type AnyDefinition = EventDefinition<string, z.ZodType>;

export interface EventArbitraryOptions extends ArbitraryOfOptions {
  /** The metadata of each event (default: none, `{}`). */
  readonly metadata?: fc.Arbitrary<Metadata>;
}

/**
 * New events with valid data: of one definition, or of any type in an event set. Each is made
 * by the definition's `create`, so data is the schema's output (defaults filled in).
 */
export function eventArbitrary<const X extends AnyDefinition | EventSet>(
  source: X,
  options: EventArbitraryOptions = {},
): fc.Arbitrary<EventOf<X>> {
  const definitions: readonly AnyDefinition[] = 'definitions' in source ? source.definitions : [source];
  const metadata = options.metadata ?? fc.constant({});
  const arbs = definitions.map((definition) =>
    fc
      .tuple(arbitraryOf(definition.schema, options), metadata)
      .map(([data, meta]) => definition.create(data, meta)),
  );
  if (arbs.length === 0)
    throw new UnsatisfiableSchemaError([], 'event set', 0, 'the event set has no definitions');
  return (arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs)) as fc.Arbitrary<EventOf<X>>;
}
