import { z } from 'zod';
import {
  AggregateNotFoundError,
  ConcurrencyError,
  DomainError,
  EventDefinitionError,
  EventTooLargeError,
  InvalidStreamIdError,
  MalformedEventError,
  MemoryEventStore,
  Repository,
  StoreClosedError,
  StrataError,
  UnknownStoreSchemeError,
  createEventStore,
  defineEvent,
  defineEvents,
} from '@strata/core';
import { describe, expect, it } from 'vitest';
import type { EventValidationError, UnknownEventTypeError } from '@strata/core';
import { AccountEvents, LoyaltyAccount, PointsEarned } from '../getting-started/loyalty-account.js';
import { toHttp } from './errors.js';

async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('core: errors (the table in core.md)', () => {
  it('every error is a StrataError with the documented code, fields and message', async () => {
    const store = new MemoryEventStore({ events: AccountEvents, maxEventBytes: 100 });
    const accounts = new Repository(store, LoyaltyAccount);
    const enrolled = { type: 'loyalty.customer.enrolled', data: { accountId: 'a', programId: 'p' } };
    await store.append('loyaltyAccount-a', [enrolled]);

    const concurrency = await caught(() =>
      store.append('loyaltyAccount-a', [enrolled], { expectedRevision: 'no_stream' }),
    );
    expect(concurrency).toBeInstanceOf(ConcurrencyError);
    expect(concurrency).toMatchObject({
      code: 'CONCURRENCY',
      streamId: 'loyaltyAccount-a',
      expectedRevision: 'no_stream',
      actualRevision: 0n,
    });

    const validation = await caught(() =>
      store.append('loyaltyAccount-a', [
        enrolled,
        { type: 'loyalty.points.earned', data: { accountId: 'a', points: 0, reason: 'x' } },
      ]),
    );
    expect(validation).toMatchObject({
      code: 'EVENT_VALIDATION',
      eventType: 'loyalty.points.earned',
      location: { streamId: 'loyaltyAccount-a', index: 1 },
    });
    expect((validation as EventValidationError).issues[0]!.path).toEqual(['points']);
    expect((validation as Error).message).toMatch(
      /^Invalid 'loyalty.points.earned' event \(stream 'loyaltyAccount-a', batch index 1\): points: /,
    );

    const unknown = await caught(() => store.append('loyaltyAccount-a', [{ type: 'nope', data: {} }]));
    expect(unknown).toMatchObject({
      code: 'UNKNOWN_EVENT_TYPE',
      eventType: 'nope',
      streamId: 'loyaltyAccount-a',
      revision: undefined,
    });
    expect((unknown as UnknownEventTypeError).knownTypes).toEqual(AccountEvents.types);

    const notFound = await caught(() => accounts.load('zz'));
    expect(notFound).toMatchObject({ code: 'AGGREGATE_NOT_FOUND', streamId: 'loyaltyAccount-zz' });
    expect(notFound).toBeInstanceOf(AggregateNotFoundError);

    const domain = new DomainError('INSUFFICIENT_POINTS', 'balance 0 < 5', { balance: 0 });
    expect(domain).toMatchObject({
      code: 'INSUFFICIENT_POINTS',
      details: { balance: 0 },
      name: 'DomainError',
    });

    const tooLarge = await caught(() =>
      store.append('loyaltyAccount-a', [
        { ...enrolled, data: { accountId: 'a', programId: 'p'.repeat(200) } },
      ]),
    );
    expect(tooLarge).toBeInstanceOf(EventTooLargeError);
    expect(tooLarge).toMatchObject({
      code: 'EVENT_TOO_LARGE',
      eventType: 'loyalty.customer.enrolled',
      streamId: 'loyaltyAccount-a',
      index: 0,
      limit: 100,
    });
    expect((tooLarge as EventTooLargeError).size).toBeGreaterThan(200);

    const malformed = await caught(() =>
      store.append('loyaltyAccount-a', [{ ...enrolled, data: { accountId: 'a', programId: 'p', n: 1n } }]),
    );
    expect(malformed).toBeInstanceOf(MalformedEventError);
    expect(malformed).toMatchObject({
      code: 'MALFORMED_EVENT',
      streamId: 'loyaltyAccount-a',
      index: 0,
      path: 'data.n',
      reason: 'bigint is not JSON; encode it as a string',
    });

    const definition = await caught(() =>
      defineEvents(PointsEarned, defineEvent('loyalty.points.earned', z.object({}))),
    );
    expect(definition).toBeInstanceOf(EventDefinitionError);
    expect(definition).toMatchObject({ code: 'EVENT_DEFINITION', eventType: 'loyalty.points.earned' });

    const scheme = await caught(() => createEventStore('nosuch:'));
    expect(scheme).toBeInstanceOf(UnknownStoreSchemeError);
    expect(scheme).toMatchObject({ code: 'UNKNOWN_STORE_SCHEME', url: 'nosuch:' });

    const badStream = await caught(() => store.append('', [enrolled]));
    expect(badStream).toBeInstanceOf(InvalidStreamIdError);
    expect(badStream).toMatchObject({ code: 'INVALID_STREAM_ID', streamId: '' });

    await store.close();
    const closed = await caught(() => store.readAll());
    expect(closed).toBeInstanceOf(StoreClosedError);
    expect(closed).toMatchObject({
      code: 'STORE_CLOSED',
      message: 'Cannot read all: the event store is closed',
    });

    for (const error of [
      concurrency,
      validation,
      unknown,
      notFound,
      domain,
      tooLarge,
      malformed,
      definition,
      scheme,
      badStream,
      closed,
    ]) {
      expect(error).toBeInstanceOf(StrataError);
      expect((error as Error).name).toBe((error as Error).constructor.name);
    }
  });

  it('toHttp maps the errors a command can meet', async () => {
    const accounts = new Repository(createEventStore('memory:'), LoyaltyAccount);
    expect(toHttp(await caught(() => accounts.load('x')))).toEqual({
      status: 404,
      body: { code: 'AGGREGATE_NOT_FOUND', stream: 'loyaltyAccount-x' },
    });
    const account = accounts.create('x');
    expect(toHttp(await caught(() => account.earn(1, 'x'))).status).toBe(422);
    expect(toHttp(new ConcurrencyError('s-1', 3n, 4n))).toEqual({
      status: 409,
      body: { code: 'CONCURRENCY', actualRevision: '4' },
    });
    expect(
      toHttp(await caught(() => PointsEarned.create({ accountId: 'x', points: 1.5, reason: 'x' }))),
    ).toEqual({
      status: 400,
      body: { code: 'EVENT_VALIDATION', eventType: 'loyalty.points.earned', paths: ['points'] },
    });
    expect(toHttp(new StoreClosedError('append')).body).toEqual({ code: 'STORE_CLOSED' });
    expect(toHttp(new Error('boom')).body).toEqual({ code: 'INTERNAL' });
  });
});
