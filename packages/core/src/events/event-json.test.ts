import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from './event.js';
import { decodeRecordedEvent, encodeRecordedEvent } from './event-json.js';

describe('encodeRecordedEvent / decodeRecordedEvent', () => {
  it('property: round-trips through JSON text exactly, bigints beyond 2^53 included', () => {
    fc.assert(
      fc.property(
        fc.record({
          eventId: fc.uuid(),
          streamId: fc.string({ minLength: 1 }),
          revision: fc.bigInt({ min: 0n, max: 2n ** 64n }),
          position: fc.bigInt({ min: 0n, max: 2n ** 64n }),
          recordedAt: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('9999-12-31') }),
          schemaVersion: fc.integer({ min: 1, max: 9 }),
          type: fc.string({ minLength: 1 }),
          data: fc.jsonValue(),
          metadata: fc.dictionary(fc.string(), fc.jsonValue()),
        }),
        (event: RecordedEvent) => {
          const text = JSON.stringify(encodeRecordedEvent(event));
          const back = decodeRecordedEvent(JSON.parse(text) as never);
          expect(back.revision).toBe(event.revision);
          expect(back.position).toBe(event.position);
          expect(back.recordedAt.getTime()).toBe(event.recordedAt.getTime());
          expect(back.data).toEqual(JSON.parse(JSON.stringify(event.data)));
          expect({ ...back, revision: 0, position: 0, recordedAt: 0, data: 0 }).toEqual({
            ...event,
            revision: 0,
            position: 0,
            recordedAt: 0,
            data: 0,
            metadata: JSON.parse(JSON.stringify(event.metadata)) as unknown,
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('writes revision and position as decimal strings', () => {
    const json = encodeRecordedEvent({
      eventId: 'e',
      streamId: 's-1',
      revision: 2n ** 60n,
      position: 7n,
      recordedAt: new Date('2024-01-01T00:00:00Z'),
      schemaVersion: 1,
      type: 't',
      data: {},
      metadata: {},
    });
    expect(json).toMatchObject({
      revision: '1152921504606846976',
      position: '7',
      recordedAt: '2024-01-01T00:00:00.000Z',
    });
  });
});
