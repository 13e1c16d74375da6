import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageValidationError } from '../errors/integration-errors.js';
import {
  AccountArchived,
  Audit,
  loyaltyMapping,
  PointsAwarded,
  PointsEarned,
  recorded,
} from '../test-support/fixtures.js';
import { defineMapping, emit } from './define-mapping.js';
import { messageFromJson, messageToJson, type IntegrationMessageJson } from './integration-message.js';
import { messageIdOf } from './message-id.js';

describe('integration mapping', () => {
  it('maps an event to typed messages carrying tenant, correlation, causation and trace headers', () => {
    const event = recorded(
      'loyalty.points.earned',
      { accountId: 'a-1', points: 5, reason: 'signup' },
      { tenantId: 'acme', correlationId: 'corr-1', traceparent: '00-aa-bb-01', secret: 'not copied' },
    );
    const [message, ...rest] = loyaltyMapping.map(event);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({
      type: PointsAwarded.type,
      subject: PointsAwarded.type,
      data: { accountId: 'a-1', points: 5 },
      tenantId: 'acme',
      correlationId: 'corr-1',
      causationId: event.eventId,
      key: 'loyaltyAccount-a-1',
      headers: { traceparent: '00-aa-bb-01' },
      source: { eventId: event.eventId, position: event.position, eventType: 'loyalty.points.earned' },
    });
    expect(message!.idempotencyKey).toBe(message!.id);
    expect(PointsAwarded.is(message!)).toBe(true);
    expect(
      messageFromJson(JSON.parse(JSON.stringify(messageToJson(message!))) as IntegrationMessageJson),
    ).toEqual(message);
  });

  it('maps one event to several messages with distinct stable ids, and unmapped types to none', () => {
    const event = recorded('loyalty.account.closed', { accountId: 'a-9' });
    const first = loyaltyMapping.map(event);
    expect(first.map((m) => m.type)).toEqual([AccountArchived.type, Audit.type]);
    expect(first[0]!.idempotencyKey).toBe('archive-a-9');
    expect(first[1]!.subject).toBe('audit.loyalty');
    expect(loyaltyMapping.map(event).map((m) => m.id)).toEqual(first.map((m) => m.id));
    expect(new Set(first.map((m) => m.id)).size).toBe(2);
    expect(loyaltyMapping.map(recorded('loyalty.internal.noted', { note: 'x' }))).toEqual([]);
    expect(loyaltyMapping.eventTypes).toEqual(['loyalty.points.earned', 'loyalty.account.closed']);
  });

  it('property: message ids are a function of (event id, index, type) and never collide across them', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.uuid(), fc.nat(5), fc.constantFrom('a.b', 'c.d')), {
          selector: (t) => t.join('|'),
          maxLength: 50,
        }),
        (triples) => {
          const ids = triples.map(([e, i, t]) => messageIdOf(e, i, t));
          expect(new Set(ids).size).toBe(ids.length);
          for (const [n, [e, i, t]] of triples.entries()) expect(messageIdOf(e, i, t)).toBe(ids[n]);
          for (const id of ids)
            expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        },
      ),
    );
  });

  it('rejects data that breaks the message schema, naming the type, event and path', () => {
    const broken = defineMapping('broken').on(PointsEarned, () =>
      emit(PointsAwarded, { accountId: 'a', points: 1.5 }),
    );
    const event = recorded('loyalty.points.earned', { accountId: 'a', points: 1, reason: 'r' });
    const error = (() => {
      try {
        broken.map(event);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MessageValidationError);
    expect(error).toMatchObject({ messageType: PointsAwarded.type, sourceEventId: event.eventId });
    expect((error as MessageValidationError).issues[0]!.path).toBe('points');
  });
});
