import { StrataError, type Metadata } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { collect, newEvent, readScope, rejectionOf, type ContractContext } from './context.js';

const UNICODE = {
  greek: 'Καλημέρα κόσμε',
  cjk: '事件溯源 イベント 이벤트',
  emoji: '👩🏽‍💻 🇳🇿 🧑‍🤝‍🧑',
  rtl: 'مرحبا بالعالم שלום',
  combining: 'e\u0301 vs \u00e9',
  separators: 'line\u2028para\u2029tab\tnewline\nquote" backslash\\ slash/',
  invisible: 'zero\u200bwidth\ufeffbom',
};

function nested(depth: number): unknown {
  let value: unknown = { leaf: 'bottom', list: [1, 'two', null, true] };
  for (let level = depth; level > 0; level--) value = level % 2 ? { level, child: value } : [level, value];
  return value;
}

/** What events carry: data of any JSON shape, metadata, versions, times, and hostile stream names. */
export function describePayloadContract(ctx: ContractContext): void {
  describe('payloads, metadata and stream names', () => {
    const roundTrip = async (event: ReturnType<typeof newEvent>) => {
      const streamId = ctx.scope().stream('payload');
      await ctx.store().append(streamId, [event]);
      const [read] = await collect(ctx.store().readStream(streamId));
      return read!;
    };

    it(
      'metadata round-trips: the four named keys and free keys, nothing added',
      { timeout: ctx.timeoutMs },
      async () => {
        const metadata: Metadata = {
          correlationId: 'corr-1',
          causationId: 'cause-1',
          tenantId: 'tenant-1',
          userId: 'user-1',
          source: 'contract',
          attempt: 3,
          flags: { dryRun: false, tags: ['a', 'b'] },
          nothing: null,
        };
        const read = await roundTrip(newEvent('contract.meta', { ok: true }, metadata));
        expect(read.metadata).toEqual(metadata);
        const bare = await roundTrip(newEvent('contract.meta', { ok: true }));
        expect(bare.metadata).toEqual({});
      },
    );

    it(
      'the event id, type and schema version are kept; the schema version defaults to 1',
      { timeout: ctx.timeoutMs },
      async () => {
        const versioned = { ...newEvent('contract.versioned', { v: 3 }), schemaVersion: 3 };
        const read = await roundTrip(versioned);
        expect([read.eventId, read.type, read.schemaVersion]).toEqual([
          versioned.eventId,
          'contract.versioned',
          3,
        ]);
        expect((await roundTrip(newEvent('contract.versioned'))).schemaVersion).toBe(1);
      },
    );

    it('an event without an id gets a distinct one', { timeout: ctx.timeoutMs }, async () => {
      const streamId = ctx.scope().stream('payload');
      await ctx.store().append(streamId, [
        { type: 'contract.anonymous', data: {} },
        { type: 'contract.anonymous', data: {} },
      ]);
      const events = await collect(ctx.store().readStream(streamId));
      const assigned = events.map((event) => event.eventId);
      expect(assigned.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
      expect(new Set(assigned).size).toBe(2);
    });

    it('recordedAt is a valid Date', { timeout: ctx.timeoutMs }, async () => {
      const read = await roundTrip(newEvent('contract.time'));
      expect(read.recordedAt).toBeInstanceOf(Date);
      expect(Number.isNaN(read.recordedAt.getTime())).toBe(false);
    });

    it('unicode in data, metadata and types round-trips exactly', { timeout: ctx.timeoutMs }, async () => {
      const read = await roundTrip(newEvent('contract.ünïcødé.🎉', UNICODE, { note: UNICODE.emoji }));
      expect(read.type).toBe('contract.ünïcødé.🎉');
      expect(read.data).toEqual(UNICODE);
      expect(read.metadata).toEqual({ note: UNICODE.emoji });
    });

    it('numbers, nulls, odd keys and deep nesting round-trip', { timeout: ctx.timeoutMs }, async () => {
      const data = {
        numbers: [0, -1, 0.1, -123.456, 1e-7, 1.5e300, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER],
        nulls: [null, { inner: null }],
        keys: { '': 'empty', 'a.b': 1, $ref: 2, 'with space': 3, "o'quote": 4 },
        empty: { object: {}, array: [], string: '' },
        deep: nested(100),
      };
      expect((await roundTrip(newEvent('contract.shapes', data))).data).toEqual(data);
    });

    it(
      'data of any JSON shape is kept: array, string, number, null',
      { timeout: ctx.timeoutMs },
      async () => {
        for (const data of [[1, { a: 2 }], 'just text', 42, null, false]) {
          expect((await roundTrip(newEvent('contract.shape', data))).data).toEqual(data);
        }
      },
    );

    it('a ~900 KB payload round-trips', { timeout: ctx.timeoutMs }, async () => {
      const chunk = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(25);
      const data = { blob: Array.from({ length: 1000 }, (_, i) => `${i}:${chunk}`) };
      expect(JSON.stringify(data).length).toBeGreaterThan(900_000);
      expect(JSON.stringify(data).length).toBeLessThan(1024 * 1024);
      expect((await roundTrip(newEvent('contract.large', data))).data).toEqual(data);
    });

    it(
      'a NUL character is kept exactly or refused with a StrataError, never written half',
      { timeout: ctx.timeoutMs },
      async () => {
        const scope = ctx.scope();
        const streamId = scope.stream('payload');
        const data = { text: 'before\u0000after' };
        const batch = [newEvent('contract.before'), newEvent('contract.nul', data)];
        let refused: unknown;
        try {
          await ctx.store().append(streamId, batch);
        } catch (error) {
          refused = error;
        }
        const read = await readScope(ctx.store(), scope);
        if (refused === undefined) expect(read.map((event) => event.data)).toEqual([{}, data]);
        else {
          expect(refused).toBeInstanceOf(StrataError);
          expect(read).toEqual([]);
        }
      },
    );

    const HOSTILE = [
      "it's",
      'say "hi"',
      "'); drop table events; --",
      '"; DELETE FROM streams WHERE 1=1; --',
      '$1 $$ ${x} %s %d',
      'back\\slash',
      'slash/with/parts',
      '../../etc/passwd',
      'space in the name',
      ' leading and trailing ',
      'emoji 🧨💥',
      'tab\tnew\nline',
      'percent% under_score',
      'dash-dash-dash',
      'ÅNGSTRÖM',
      'e\u0301',
      '\u00e9',
    ];
    it('hostile stream names are stored and read back exactly', { timeout: ctx.timeoutMs }, async () => {
      const scope = ctx.scope();
      const names = HOSTILE.map((hostile) => `${scope.prefix}${hostile}`);
      for (const [n, streamId] of names.entries()) {
        await ctx
          .store()
          .append(streamId, [newEvent('contract.hostile', { n })], { expectedRevision: 'no_stream' });
      }
      for (const [n, streamId] of names.entries()) {
        const events = await collect(ctx.store().readStream(streamId));
        expect(events.map((event) => [event.streamId, event.data])).toEqual([[streamId, { n }]]);
        const found = await collect(
          ctx.store().readAll({ filter: { streamPrefix: streamId }, from: events[0]!.position }),
        );
        expect(found.map((event) => event.streamId)).toEqual([streamId]);
      }
      const all = await readScope(ctx.store(), scope);
      expect(all.map((event) => event.streamId)).toEqual(names);
    });

    it(
      'an append to a missing stream with a hostile name still checks the expected revision',
      { timeout: ctx.timeoutMs },
      async () => {
        const streamId = `${ctx.scope().prefix}'); drop table events; --`;
        await ctx.store().append(streamId, [newEvent('contract.a')], { expectedRevision: 'no_stream' });
        const error = await rejectionOf(() =>
          ctx.store().append(streamId, [newEvent('contract.b')], { expectedRevision: 'no_stream' }),
        );
        expect(error).toBeInstanceOf(StrataError);
        expect(await collect(ctx.store().readStream(streamId))).toHaveLength(1);
      },
    );
  });
}
