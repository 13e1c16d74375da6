import {
  EventTooLargeError,
  EventValidationError,
  InvalidStreamIdError,
  MalformedEventError,
  StrataError,
  UnknownEventTypeError,
  defineEvent,
  defineEvents,
  type EventInput,
  type EventStore,
} from '@strata/core';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect, newEvent, readScope, rejectionOf, type ContractContext } from './context.js';

const MiB = 1024 * 1024;

const ItemAdded = defineEvent(
  'contract.item.added',
  z.object({ sku: z.string().min(1), quantity: z.number().int().positive() }),
);
const ItemRemoved = defineEvent('contract.item.removed', z.object({ sku: z.string().min(1) }));
/** The definitions the validating store of these cases is made with. */
export const ContractEvents = defineEvents(ItemAdded, ItemRemoved);

const valid = () => newEvent(ItemAdded.type, { sku: 'sku-1', quantity: 1 });

const cycle = (): unknown => {
  const node: Record<string, unknown> = { name: 'loop' };
  node.self = node;
  return node;
};

/** Events no store can keep: [label, event, path the MalformedEventError names (when it is fixed)]. */
const MALFORMED: ReadonlyArray<readonly [string, () => unknown, string | undefined]> = [
  ['null', () => null, undefined],
  ['a string', () => 'contract.item.added', undefined],
  ['a number', () => 42, undefined],
  ['an array', () => [valid()], undefined],
  ['no type', () => ({ data: {} }), 'type'],
  ['an empty type', () => ({ type: '', data: {} }), 'type'],
  ['a function in data', () => ({ type: 'contract.x', data: { f: () => 1 } }), 'data.f'],
  ['a bigint in data', () => ({ type: 'contract.x', data: { amount: 1n } }), 'data.amount'],
  ['NaN in data', () => ({ type: 'contract.x', data: { ratio: Number.NaN } }), 'data.ratio'],
  ['Infinity in data', () => ({ type: 'contract.x', data: { n: [1, Infinity] } }), 'data.n.1'],
  ['a Date in data', () => ({ type: 'contract.x', data: { at: new Date(0) } }), 'data.at'],
  ['a Map in data', () => ({ type: 'contract.x', data: { m: new Map() } }), 'data.m'],
  ['a cycle in data', () => ({ type: 'contract.x', data: { root: cycle() } }), undefined],
  ['undefined in an array', () => ({ type: 'contract.x', data: [1, undefined] }), 'data.1'],
  ['metadata that is not an object', () => ({ type: 'contract.x', data: {}, metadata: 'm' }), 'metadata'],
  [
    'a function in metadata',
    () => ({ type: 'contract.x', data: {}, metadata: { f: () => 1 } }),
    'metadata.f',
  ],
  ['schemaVersion 0', () => ({ type: 'contract.x', data: {}, schemaVersion: 0 }), 'schemaVersion'],
  ['schemaVersion 1.5', () => ({ type: 'contract.x', data: {}, schemaVersion: 1.5 }), 'schemaVersion'],
  ['an empty event id', () => ({ type: 'contract.x', data: {}, eventId: '' }), 'eventId'],
];

/** A batch lands whole or not at all, and bad input gets the typed error that names it. */
export function describeAtomicityContract(ctx: ContractContext): void {
  describe('atomic batches and validation', () => {
    let typed: EventStore;
    beforeAll(async () => {
      typed = await ctx.makeStore([ContractEvents]);
    }, ctx.timeoutMs);

    /**
     * Appends `[valid, bad, valid]` to a stream that already has one event and to a new one,
     * checks the error and that neither stream (nor the scope) changed, and that the stream
     * still takes the next append at the revision the failed one expected.
     */
    const expectNothingWritten = async (
      store: () => EventStore,
      bad: () => unknown,
      check: (error: unknown, streamId: string) => void,
    ) => {
      const scope = ctx.scope();
      const existing = scope.stream('cart');
      await store().append(existing, [valid()], { expectedRevision: 'no_stream' });
      const before = await readScope(store(), scope);

      for (const [streamId, expectedRevision] of [
        [existing, 0n],
        [scope.stream('cart'), 'no_stream'],
      ] as const) {
        const batch = [valid(), bad(), valid()] as EventInput[];
        const error = await rejectionOf(() => store().append(streamId, batch, { expectedRevision }));
        expect(error).toBeInstanceOf(StrataError);
        check(error, streamId);
      }
      expect(await readScope(store(), scope)).toEqual(before);
      const next = await store().append(existing, [valid()], { expectedRevision: 0n });
      expect(next.nextExpectedRevision).toBe(1n);
    };

    for (const [label, bad, path] of MALFORMED) {
      it(`${label} is a MalformedEventError and writes nothing`, { timeout: ctx.timeoutMs }, async () => {
        await expectNothingWritten(ctx.store, bad, (error, streamId) => {
          expect(error).toBeInstanceOf(MalformedEventError);
          const malformed = error as MalformedEventError;
          expect(malformed.code).toBe('MALFORMED_EVENT');
          expect(malformed.streamId).toBe(streamId);
          expect(malformed.index).toBe(1);
          if (path !== undefined) expect(malformed.path).toBe(path);
        });
      });
    }

    it(
      'an event that breaks its schema is an EventValidationError and writes nothing',
      { timeout: ctx.timeoutMs },
      async () => {
        const bad = () => newEvent(ItemAdded.type, { sku: 'sku-1', quantity: -2 });
        await expectNothingWritten(
          () => typed,
          bad,
          (error, streamId) => {
            expect(error).toBeInstanceOf(EventValidationError);
            const invalid = error as EventValidationError;
            expect(invalid.code).toBe('EVENT_VALIDATION');
            expect(invalid.location.streamId).toBe(streamId);
            expect(invalid.eventType).toBe(ItemAdded.type);
            expect(invalid.location.index).toBe(1);
            expect(invalid.issues.map((issue) => issue.path)).toEqual([['quantity']]);
          },
        );
      },
    );

    it(
      'an event of a type the store was not given is an UnknownEventTypeError and writes nothing',
      { timeout: ctx.timeoutMs },
      async () => {
        await expectNothingWritten(
          () => typed,
          () => newEvent('contract.item.renamed', { sku: 'sku-1' }),
          (error, streamId) => {
            expect(error).toBeInstanceOf(UnknownEventTypeError);
            const unknown = error as UnknownEventTypeError;
            expect(unknown.code).toBe('UNKNOWN_EVENT_TYPE');
            expect(unknown.streamId).toBe(streamId);
            expect(unknown.eventType).toBe('contract.item.renamed');
          },
        );
      },
    );

    it('valid events of the given definitions are stored as given', { timeout: ctx.timeoutMs }, async () => {
      const streamId = ctx.scope().stream('cart');
      await typed.append(streamId, [valid(), newEvent(ItemRemoved.type, { sku: 'sku-1' })]);
      const events = await collect(typed.readStream(streamId));
      expect(events.map((event) => [event.type, event.data])).toEqual([
        [ItemAdded.type, { sku: 'sku-1', quantity: 1 }],
        [ItemRemoved.type, { sku: 'sku-1' }],
      ]);
    });

    const tooLarge: ReadonlyArray<readonly [string, () => EventInput]> = [
      ['data over 1 MiB', () => newEvent('contract.big', { blob: 'x'.repeat(MiB + 16) })],
      [
        'data and metadata together over 1 MiB',
        () =>
          newEvent('contract.big', { blob: 'x'.repeat(MiB / 2 + 16) }, { note: 'y'.repeat(MiB / 2 + 16) }),
      ],
      // 360 Ki characters of 3 UTF-8 bytes each: under 1 Mi characters, over 1 MiB.
      [
        'multi-byte data over 1 MiB of UTF-8',
        () => newEvent('contract.big', { blob: '€'.repeat(360 * 1024) }),
      ],
    ];
    for (const [label, big] of tooLarge) {
      it(`${label} is an EventTooLargeError and writes nothing`, { timeout: ctx.timeoutMs }, async () => {
        await expectNothingWritten(ctx.store, big, (error, streamId) => {
          expect(error).toBeInstanceOf(EventTooLargeError);
          const large = error as EventTooLargeError;
          expect(large.code).toBe('EVENT_TOO_LARGE');
          expect(large.streamId).toBe(streamId);
          expect(large.eventType).toBe('contract.big');
          expect(large.index).toBe(1);
          expect(large.limit).toBe(MiB);
          expect(large.size).toBeGreaterThan(MiB);
        });
      });
    }

    it('an empty stream id is an InvalidStreamIdError', { timeout: ctx.timeoutMs }, async () => {
      const error = await rejectionOf(() => ctx.store().append('', [newEvent('contract.a')]));
      expect(error).toBeInstanceOf(InvalidStreamIdError);
      expect((error as InvalidStreamIdError).code).toBe('INVALID_STREAM_ID');
    });
  });
}
