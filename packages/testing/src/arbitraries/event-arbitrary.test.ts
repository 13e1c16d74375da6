import { defineEvent, type EventOf } from '@strata/core';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { AccountEvents, PointsEarned } from '../../../core/src/fixtures/loyalty-account.js';
import { eventArbitrary } from './event-arbitrary.js';

describe('eventArbitrary', () => {
  it('gives new events of every type in a set, each valid for its definition', () => {
    const arb = eventArbitrary(AccountEvents);
    expectTypeOf(arb).toEqualTypeOf<fc.Arbitrary<EventOf<typeof AccountEvents>>>();
    const events = fc.sample(arb, { numRuns: 100, seed: 5 });
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(AccountEvents.types));
    for (const event of events) {
      const definition = AccountEvents.get(event.type);
      expect(event.schemaVersion).toBe(definition.version);
      expect(event.metadata).toEqual({});
      expect(definition.parse(event)).toEqual(event);
    }
  });

  it('gives events of one definition, typed by it', () => {
    const arb = eventArbitrary(PointsEarned);
    expectTypeOf(arb).toEqualTypeOf<fc.Arbitrary<EventOf<typeof PointsEarned>>>();
    fc.assert(
      fc.property(arb, (event) => {
        expect(event.type).toBe('loyalty.points.earned');
        expect(event.schemaVersion).toBe(2);
        expect(Number.isInteger(event.data.points) && event.data.points > 0).toBe(true);
        PointsEarned.schema.parse(event.data);
      }),
      { numRuns: 50, seed: 6 },
    );
  });

  it('carries data through create, so defaults are filled in, and uses the metadata arbitrary', () => {
    const Tagged = defineEvent('test.tagged', z.object({ tag: z.string().default('none') }));
    const metadata = fc.record({ correlationId: fc.uuid() });
    const events = fc.sample(eventArbitrary(Tagged, { metadata }), { numRuns: 50, seed: 7 });
    expect(events.every((event) => typeof event.data.tag === 'string')).toBe(true);
    expect(events.some((event) => event.data.tag === 'none')).toBe(true);
    expect(events.every((event) => typeof event.metadata.correlationId === 'string')).toBe(true);
  });
});
