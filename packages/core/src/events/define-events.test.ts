import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { EventDefinitionError } from '../errors/event-definition-error.js';
import { UnknownEventTypeError } from '../errors/unknown-event-type-error.js';
import { AccountEvents, Enrolled, type AccountEvent } from '../fixtures/loyalty-account.js';
import type { RecordedEvent } from './event.js';
import { defineEvent } from './define-event.js';
import { defineEvents } from './define-events.js';

const recorded = (over: Partial<RecordedEvent>): RecordedEvent => ({
  eventId: 'e-1',
  streamId: 'loyaltyAccount-a',
  revision: 0n,
  position: 0n,
  recordedAt: new Date(0),
  schemaVersion: 1,
  type: 'loyalty.customer.enrolled',
  data: { accountId: 'a', programId: 'p' },
  metadata: {},
  ...over,
});

describe('defineEvents', () => {
  it('rejects a type twice in one set', () => {
    const Again = defineEvent('loyalty.customer.enrolled', z.object({}));
    expect(() => defineEvents(Enrolled, Again)).toThrow(EventDefinitionError);
  });

  it('looks definitions up by type and lists the types', () => {
    expect(AccountEvents.get('loyalty.customer.enrolled')).toBe(Enrolled);
    expect(AccountEvents.has('nope')).toBe(false);
    expect(AccountEvents.types).toEqual([
      'loyalty.customer.enrolled',
      'loyalty.points.earned',
      'loyalty.points.redeemed',
    ]);
  });

  it('gives a discriminated union through EventOf', () => {
    expectTypeOf<AccountEvent['type']>().toEqualTypeOf<
      'loyalty.customer.enrolled' | 'loyalty.points.earned' | 'loyalty.points.redeemed'
    >();
    const event = AccountEvents.definitions[1].create({ accountId: 'a', points: 1, reason: 'r' });
    expectTypeOf(event.data.points).toEqualTypeOf<number>();
  });

  it('decodes a current event as is, and upcasts an old one', () => {
    const current = recorded({});
    expect(AccountEvents.decode(current)).toBe(current);
    const old = recorded({
      type: 'loyalty.points.earned',
      data: { accountId: 'a', points: 2 },
      schemaVersion: 1,
    });
    expect(AccountEvents.decode(old).data).toEqual({ accountId: 'a', points: 2, reason: 'unknown' });
  });

  it('revalidates current events only when asked', () => {
    const broken = recorded({ data: { accountId: 1 } });
    expect(AccountEvents.decode(broken)).toBe(broken);
    expect(() => AccountEvents.decode(broken, { revalidate: true })).toThrow(/accountId/);
  });

  it('throws UnknownEventTypeError with the stream and revision, unless told to skip', () => {
    const unknown = recorded({ type: 'loyalty.gone', revision: 7n });
    expect(() => AccountEvents.decode(unknown)).toThrow(UnknownEventTypeError);
    try {
      AccountEvents.decode(unknown);
    } catch (error) {
      expect(error).toMatchObject({ code: 'UNKNOWN_EVENT_TYPE', eventType: 'loyalty.gone', revision: 7n });
      expect((error as Error).message).toContain("stream 'loyaltyAccount-a' at revision 7");
    }
    expect(AccountEvents.decode(unknown, { skipUnknown: true })).toBeUndefined();
  });
});
