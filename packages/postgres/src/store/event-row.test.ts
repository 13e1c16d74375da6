import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorruptRowError } from '../errors/corrupt-row-error.js';
import { toRecordedEvent } from './event-row.js';

/** A bigint as `EVENT_SELECT` writes it: a JSON number when a double holds it exactly, else a string. */
const bigintJson = (value: bigint) =>
  value >= -(2n ** 53n - 1n) && value <= 2n ** 53n - 1n ? value.toString() : `"${value}"`;

/** Microseconds truncated to milliseconds (towards the past, before 1970 too), in exact integers. */
function millisecondsOf(micros: number): number {
  const exact = BigInt(micros);
  const remainder = ((exact % 1000n) + 1000n) % 1000n;
  return Number((exact - remainder) / 1000n);
}

const json = fc.jsonValue().map((value) => JSON.stringify(value));
const object = fc.dictionary(fc.string(), fc.jsonValue()).map((value) => JSON.stringify(value));
const name = fc.string({ minLength: 1 });

describe('an event row', () => {
  it('decodes to the event the columns hold, for any position, names and JSON (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
        name,
        name,
        name,
        fc.integer({ min: 1, max: 1000 }),
        json,
        object,
        // recorded_at in microseconds: any a JSON number holds exactly.
        fc.maxSafeInteger(),
        (position, revision, streamId, eventId, type, schemaVersion, data, metadata, micros) => {
          const text = `[${bigintJson(position)},${bigintJson(revision)},${schemaVersion},${data},${metadata},false,${micros}]`;
          const event = toRecordedEvent(streamId, eventId, type, text);
          expect(event).toEqual({
            eventId,
            streamId,
            revision,
            position,
            recordedAt: new Date(millisecondsOf(micros)),
            schemaVersion,
            type,
            data: JSON.parse(data) as unknown,
            metadata: JSON.parse(metadata) as unknown,
          });
          expect(Object.isFrozen(event.metadata)).toBe(true);
        },
      ),
    );
  });

  it('says what is wrong with a damaged row, naming its position when it can be read', () => {
    const names = { streamId: 's', eventId: 'e', type: 't' };
    const reason = (event: unknown, fields: Partial<typeof names> = {}) => {
      const { streamId, eventId, type } = { ...names, ...fields };
      try {
        toRecordedEvent(streamId, eventId, type, event);
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(CorruptRowError);
        return `${(error as CorruptRowError).key}: ${(error as CorruptRowError).reason}`;
      }
    };
    expect(reason(null)).toBe('undefined: the row is not text');
    expect(reason('[7,0,1,{oops')).toBe('at position 7: the row is not JSON text');
    expect(reason('[7,0,1,{},{}]')).toBe('undefined: the row is not an array of the seven event fields');
    expect(reason('[7.5,0,1,{},{},false,0]')).toBe('7.5: the position is not an integer');
    expect(reason('[9007199254740993,0,1,{},{},false,0]')).toBe(
      '9007199254740992: the position is not an integer',
    );
    expect(reason('[7,-1,1,{},{},false,0]')).toBe('at position 7: the revision is not an integer >= 0');
    expect(reason('[7,0,1,{},{},false,0]', { type: '' })).toBe(
      'at position 7: the type is not a non-empty string',
    );
    expect(reason('[7,0,1,{},{},false,0]', { streamId: '' })).toBe(
      'at position 7: the stream id is not a non-empty string',
    );
    expect(reason('[7,0,1,{},{},false,0]', { eventId: '' })).toBe(
      'at position 7: the event id is not a non-empty string',
    );
    expect(reason('[7,0,0,{},{},false,0]')).toBe('at position 7: the schema version is not an integer >= 1');
    expect(reason('[7,0,1,{},[1],false,0]')).toBe('at position 7: the metadata is not a JSON object');
    expect(reason('[7,0,1,{},{},true,0]')).toBe('at position 7: data is marked escaped but is not a string');
    expect(reason('[7,0,1,"{x","{}",true,0]')).toBe(
      'at position 7: data is marked escaped but is not JSON text',
    );
    expect(reason('[7,0,1,{},{},false,"later"]')).toBe('at position 7: recorded_at is not a timestamp');
    expect(reason('["18446744073709551616",0,1,{},{},false,0]')).toBeUndefined();
  });
});
