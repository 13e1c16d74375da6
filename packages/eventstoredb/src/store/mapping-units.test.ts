import {
  AccessDeniedError,
  EVENT_TYPE,
  STREAM_NAME,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyError, DomainError, type RecordedEvent } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { EventStoreDBAccessDeniedError, EventStoreDBError } from '../errors/eventstoredb-errors.js';
import { isTransient, mapClientError } from '../errors/map-client-error.js';
import { toClientConnectionString } from './connection-string.js';
import { toEventStoreDBPosition, toStrataPosition } from './positions.js';
import { acceptsEvent, toServerFilter } from './server-filter.js';

const recorded = (streamId: string, type: string) => ({ streamId, type }) as RecordedEvent;

describe('server-side filters', () => {
  it('sends a stream prefix (the longer of prefix and category) when there is one', () => {
    expect(toServerFilter({ category: 'order' })).toMatchObject({
      filterOn: STREAM_NAME,
      prefixes: ['order-'],
    });
    expect(toServerFilter({ category: 'order', streamPrefix: 'order-eu-' })).toMatchObject({
      prefixes: ['order-eu-'],
    });
  });

  it('sends an exact, escaped type regex for event types alone', () => {
    const filter = toServerFilter({ eventTypes: ['order.placed', 'a+b'] });
    expect(filter).toMatchObject({ filterOn: EVENT_TYPE });
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(['order.placed', 'a+b'].map((t) => regex.test(t))).toEqual([true, true]);
    expect(['orderXplaced', 'aab', 'order.placed.v2'].map((t) => regex.test(t))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('excludes system events on the server without a filter, and always on the client', () => {
    expect(toServerFilter(undefined)).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    const accept = acceptsEvent({ category: 'order', eventTypes: ['placed'] });
    expect(accept(recorded('order-1', 'placed'))).toBe(true);
    expect(accept(recorded('order-1', 'shipped'))).toBe(false);
    expect(accept(recorded('orders-1', 'placed'))).toBe(false);
    expect(acceptsEvent(undefined)(recorded('$ce-order', '$>'))).toBe(false);
    expect(acceptsEvent(undefined)(recorded('order-1', '$metadata'))).toBe(false);
  });
});

describe('positions and connection strings', () => {
  it('maps the commit position both ways, and "no position" to -1n', () => {
    expect(toStrataPosition(1234n)).toBe(1234n);
    expect(toStrataPosition(undefined)).toBe(-1n);
    expect(toStrataPosition(2n ** 64n - 1n)).toBe(-1n);
    expect(toEventStoreDBPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('rewrites kurrentdb:// forms to the esdb:// forms client 6 understands', () => {
    expect(toClientConnectionString('kurrentdb://h:2113?tls=false')).toBe('esdb://h:2113?tls=false');
    expect(toClientConnectionString('KurrentDB+discover://h:2113')).toBe('esdb+discover://h:2113');
    expect(toClientConnectionString('esdb://h:2113')).toBe('esdb://h:2113');
  });
});

describe('client errors', () => {
  it('maps a wrong expected version to ConcurrencyError, "no_stream" as -1n', () => {
    const error = new WrongExpectedVersionError(undefined, {
      streamName: 's-1',
      current: 'no_stream',
      expected: 3n,
    });
    const mapped = mapClientError(error, { operation: 'append to', streamId: 's-1' });
    expect(mapped).toBeInstanceOf(ConcurrencyError);
    expect(mapped).toMatchObject({ streamId: 's-1', expectedRevision: 3n, actualRevision: -1n });
  });

  it('keeps Strata errors as they are and wraps anything unknown with its cause', () => {
    const domain = new DomainError('NOPE', 'no');
    expect(mapClientError(domain, { operation: 'read' })).toBe(domain);
    const odd = new Error('odd');
    const mapped = mapClientError(odd, { operation: 'read', streamId: 's' });
    expect(mapped).toBeInstanceOf(EventStoreDBError);
    expect(mapped).toMatchObject({ code: 'EVENTSTOREDB_ERROR', cause: odd, streamId: 's' });
    expect(mapClientError(new AccessDeniedError(), { operation: 'read' })).toBeInstanceOf(
      EventStoreDBAccessDeniedError,
    );
  });

  it('treats only transport failures as transient', () => {
    expect(isTransient(new UnavailableError())).toBe(true);
    expect(isTransient(new AccessDeniedError())).toBe(false);
    expect(isTransient(new Error('x'))).toBe(false);
  });
});
