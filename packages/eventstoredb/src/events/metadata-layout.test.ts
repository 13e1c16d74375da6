import fc from 'fast-check';
import type { Metadata } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { decodeMetadata, encodeMetadata } from './metadata-layout.js';

const userKey = fc.string({ minLength: 1 }).filter((key) => !key.startsWith('$') && key !== '__proto__');
const metadataArbitrary: fc.Arbitrary<Metadata> = fc
  .record(
    {
      correlationId: fc.string(),
      causationId: fc.string(),
      tenantId: fc.string(),
      userId: fc.string(),
    },
    { requiredKeys: [] },
  )
  .chain((named) =>
    fc.dictionary(userKey, fc.jsonValue(), { maxKeys: 4 }).map((free) => ({ ...free, ...named })),
  );

describe('the metadata layout', () => {
  it('round-trips any Strata metadata with its schema version and original id', () => {
    fc.assert(
      fc.property(
        metadataArbitrary,
        fc.integer({ min: 1, max: 99 }),
        fc.option(fc.string()),
        (metadata, version, id) => {
          const wire = JSON.parse(
            JSON.stringify(
              encodeMetadata(metadata, { schemaVersion: version, ...(id !== null ? { eventId: id } : {}) }),
            ),
          ) as unknown;
          const decoded = decodeMetadata(wire);
          expect(decoded.metadata).toEqual(JSON.parse(JSON.stringify(metadata)));
          expect(decoded.schemaVersion).toBe(version);
          expect(decoded.eventId).toBe(id ?? undefined);
        },
      ),
    );
  });

  it('lays correlation and causation out as EventStoreDB’s $correlationId and $causationId', () => {
    expect(
      encodeMetadata({ correlationId: 'c', causationId: 'k', userId: 'u' }, { schemaVersion: 2 }),
    ).toEqual({
      $correlationId: 'c',
      $causationId: 'k',
      userId: 'u',
      $strata: { schemaVersion: 2 },
    });
  });

  it('reads metadata without $strata as schema version 1, and anything that is not an object as {}', () => {
    expect(decodeMetadata({ a: 1 })).toEqual({ metadata: { a: 1 }, schemaVersion: 1, eventId: undefined });
    for (const raw of [undefined, null, 'text', [1, 2], Uint8Array.from([1])]) {
      expect(decodeMetadata(raw)).toEqual({ metadata: {}, schemaVersion: 1, eventId: undefined });
    }
    expect(decodeMetadata({ $strata: { schemaVersion: 0 } }).schemaVersion).toBe(1);
    expect(decodeMetadata({ $strata: 'nonsense' }).schemaVersion).toBe(1);
  });
});
