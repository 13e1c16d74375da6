import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventDefinitionError } from '../errors/event-definition-error.js';
import { EventValidationError } from '../errors/event-validation-error.js';
import { Enrolled, PointsEarned } from '../fixtures/loyalty-account.js';
import { defineEvent } from './define-event.js';

describe('defineEvent', () => {
  it('creates a new event with validated data, empty metadata and the current schema version', () => {
    const event = PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'signup' });
    expect(event).toEqual({
      type: 'loyalty.points.earned',
      data: { accountId: 'a-1', points: 10, reason: 'signup' },
      metadata: {},
      schemaVersion: 2,
    });
  });

  it('rejects invalid data with EventValidationError naming the type and the zod path', () => {
    let caught: unknown;
    try {
      PointsEarned.create({ accountId: 'a-1', points: -3, reason: 'x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventValidationError);
    const error = caught as EventValidationError;
    expect(error.code).toBe('EVENT_VALIDATION');
    expect(error.eventType).toBe('loyalty.points.earned');
    expect(error.issues[0]?.path).toEqual(['points']);
    expect(error.message).toContain('points:');
  });

  it('fills zod defaults on create (the output shape is stored)', () => {
    const Tagged = defineEvent('t.tagged', z.object({ tag: z.string().default('none') }));
    expect(Tagged.create({}).data).toEqual({ tag: 'none' });
  });

  it('narrows with is()', () => {
    const event: { type: string } = Enrolled.create({ accountId: 'a', programId: 'p' });
    expect(Enrolled.is(event)).toBe(true);
    expect(PointsEarned.is(event)).toBe(false);
  });

  it('upcasts an old version along the chain and validates the result', () => {
    const parsed = PointsEarned.parse({
      type: 'loyalty.points.earned',
      data: { accountId: 'a-1', points: 5 },
      schemaVersion: 1,
      streamId: 'loyaltyAccount-a-1',
      revision: 3n,
    });
    expect(parsed.data).toEqual({ accountId: 'a-1', points: 5, reason: 'unknown' });
    expect(parsed.schemaVersion).toBe(2);
    expect(parsed.streamId).toBe('loyaltyAccount-a-1');
    expect(parsed.revision).toBe(3n);
  });

  it('runs a three-step chain in order', () => {
    const V3 = defineEvent('t.v3', z.object({ a: z.number(), b: z.number(), c: z.number() }), {
      version: 3,
      upcast: {
        1: (old: { a: number }) => ({ ...old, b: old.a * 2 }),
        2: (old: { a: number; b: number }) => ({ ...old, c: old.b + 1 }),
      },
    });
    expect(V3.parse({ data: { a: 1 }, schemaVersion: 1 }).data).toEqual({ a: 1, b: 2, c: 3 });
    expect(V3.parse({ data: { a: 1, b: 5 }, schemaVersion: 2 }).data).toEqual({ a: 1, b: 5, c: 6 });
    expect(V3.upcastsFrom).toEqual([1, 2]);
  });

  it('rejects a gap in the upcaster chain at definition time', () => {
    expect(() =>
      defineEvent('t.gap', z.object({ a: z.number() }), {
        version: 3,
        upcast: { 1: (old: { a: number }) => old },
      }),
    ).toThrow(EventDefinitionError);
    expect(() =>
      defineEvent('t.gap', z.object({ a: z.number() }), {
        version: 3,
        upcast: { 1: (old: { a: number }) => old },
      }),
    ).toThrow(/no step from version 2 to 3/);
  });

  it('rejects upcasters from versions at or above the current one', () => {
    expect(() =>
      defineEvent('t.x', z.object({}), { version: 2, upcast: { 2: () => ({}) } as never }),
    ).toThrow(/makes no sense/);
  });

  it('types the last upcaster step against the current schema input', () => {
    defineEvent('t.typed', z.object({ a: z.string(), b: z.number() }), {
      version: 2,
      // @ts-expect-error: the step to the current version must return { a: string; b: number }
      upcast: { 1: (old: { a: string }) => ({ ...old }) },
    });
    expect(true).toBe(true);
  });

  it('fails to parse a version newer than the reader knows, or a wrong type, with the location', () => {
    expect(() => PointsEarned.parse({ data: {}, schemaVersion: 3, streamId: 's-1', revision: 0n })).toThrow(
      /newer than this reader's version 2.*|stream 's-1'/,
    );
    expect(() => PointsEarned.parse({ type: 'other', data: {} })).toThrow(/expected type/);
  });

  it('reports an upcaster that throws as a validation error, not a crash', () => {
    const Bad = defineEvent('t.bad', z.object({ a: z.number() }), {
      version: 2,
      upcast: {
        1: (): { a: number } => {
          throw new Error('boom');
        },
      },
    });
    expect(() => Bad.parse({ data: {}, schemaVersion: 1 })).toThrow(/upcaster from version 1 threw: boom/);
  });

  it('rejects an empty type and a bad version', () => {
    expect(() => defineEvent('', z.object({}))).toThrow(EventDefinitionError);
    expect(() => defineEvent('t.v0', z.object({}), { version: 0 })).toThrow(/version must be/);
  });
});
