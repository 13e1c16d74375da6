import type { RecordedEvent } from '@strata/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ProjectionConfigError } from '../errors/projection-errors.js';
import type { ProjectionContext } from '../target/read-model-target.js';
import { AccountEvents, PointsEarned } from '../test-support/loyalty.js';
import { defineProjection } from './define-projection.js';

const context: ProjectionContext = {
  documents: () => {
    throw new Error('unused');
  },
};

describe('defineProjection', () => {
  it('types handlers by the event set and knows the types it handles', async () => {
    const seen: number[] = [];
    const projection = defineProjection({
      name: 'points',
      version: 1,
      events: AccountEvents,
      handlers: {
        'loyalty.points.earned': (event) => {
          expectTypeOf(event.data).toEqualTypeOf<{ accountId: string; points: number; reason: string }>();
          expectTypeOf(event.position).toEqualTypeOf<bigint>();
          seen.push(event.data.points);
        },
      },
    });
    expect(projection).toMatchObject({
      name: 'points',
      version: 1,
      onError: 'dead-letter',
      eventTypes: [PointsEarned.type],
    });
    expect(projection.retry).toEqual({ maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 10_000 });
    const recorded: RecordedEvent = {
      eventId: 'e',
      streamId: 'loyaltyAccount-a',
      revision: 0n,
      position: 0n,
      recordedAt: new Date(0),
      schemaVersion: 2,
      type: PointsEarned.type,
      data: { accountId: 'a', points: 3, reason: 'x' },
      metadata: {},
    };
    await projection.handle(recorded, context);
    await projection.handle({ ...recorded, type: 'loyalty.customer.enrolled' }, context);
    expect(seen).toEqual([3]);
  });

  it('rejects bad names, versions, empty handler sets and types outside its event set', () => {
    const handlers = { 'loyalty.points.earned': () => undefined };
    expect(() => defineProjection({ name: 'bad name!', version: 1, handlers })).toThrow(
      ProjectionConfigError,
    );
    expect(() => defineProjection({ name: 'p', version: 0, handlers })).toThrow(
      /version must be a positive integer/,
    );
    expect(() => defineProjection({ name: 'p', version: 1.5, handlers })).toThrow(/version/);
    expect(() => defineProjection({ name: 'p', version: 1, handlers: {} })).toThrow(/no handlers/);
    expect(() => defineProjection({ name: 'p', version: 1, retry: { maxAttempts: 0 }, handlers })).toThrow(
      /maxAttempts/,
    );
    expect(() =>
      // @ts-expect-error: 'loyalty.points.spent' is not a type of the set
      defineProjection({
        name: 'p',
        version: 1,
        events: AccountEvents,
        handlers: { 'loyalty.points.spent': () => undefined },
      }),
    ).toThrow(/which its event set does not define/);
  });

  it('without an event set, handlers get raw recorded events of any type', async () => {
    const types: string[] = [];
    const projection = defineProjection({
      name: 'raw',
      version: 2,
      onError: 'stop',
      handlers: { 'anything.at.all': (event) => void types.push(event.type) },
    });
    expectTypeOf(projection.handle).parameter(0).toEqualTypeOf<RecordedEvent>();
    expect(projection.onError).toBe('stop');
    await projection.handle(
      {
        eventId: 'e',
        streamId: 's-1',
        revision: 0n,
        position: 5n,
        recordedAt: new Date(0),
        schemaVersion: 1,
        type: 'anything.at.all',
        data: null,
        metadata: {},
      },
      context,
    );
    expect(types).toEqual(['anything.at.all']);
  });
});
