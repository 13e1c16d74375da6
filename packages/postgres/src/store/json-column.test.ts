import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorruptRowError } from '../errors/corrupt-row-error.js';
import { fromJsonb, textProblem, toJsonbText } from './json-column.js';

const touchyUnit = fc.constantFrom(
  '\u0000',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  '\\',
  '"',
  'u',
  '0',
  'a',
  '\u2028',
);
const touchyJson = fc.jsonValue({ stringUnit: touchyUnit, maxDepth: 3 });

describe('jsonb columns', () => {
  it('what goes in comes back exactly, escaped or not (property)', () => {
    fc.assert(
      fc.property(touchyJson, (value) => {
        const json = JSON.stringify(value);
        const { text, escaped } = toJsonbText(json);
        // What the driver hands back: the jsonb value parsed by JSON.parse.
        const stored: unknown = JSON.parse(text);
        expect(fromJsonb(stored, escaped, 'event', 'k', 'data')).toEqual(JSON.parse(json));
      }),
    );
  });

  it('text left unescaped holds nothing jsonb rejects (property)', () => {
    fc.assert(
      fc.property(touchyJson, (value) => {
        const { text, escaped } = toJsonbText(JSON.stringify(value));
        if (!escaped) expect(text).not.toMatch(/\\u0000|\\ud[89a-f]/i);
      }),
    );
  });

  it('a NUL or a lone surrogate escapes; plain text and surrogate pairs do not', () => {
    expect(toJsonbText(JSON.stringify({ a: 'x\u0000' })).escaped).toBe(true);
    expect(toJsonbText(JSON.stringify(['\udc00'])).escaped).toBe(true);
    expect(toJsonbText(JSON.stringify({ a: '😀 é' })).escaped).toBe(false);
  });

  it('a row marked escaped that is not JSON text is a CorruptRowError', () => {
    expect(() => fromJsonb(42, true, 'event', 'at position 7', 'data')).toThrow(CorruptRowError);
    expect(() => fromJsonb('{nope', true, 'event', 'at position 7', 'data')).toThrow(
      /Corrupt event row at position 7: data is marked escaped but is not JSON text/,
    );
  });

  it('names with NUL or lone surrogates are refused, others accepted', () => {
    expect(textProblem('a\u0000')).toMatch(/NUL/);
    expect(textProblem('a\ud800')).toMatch(/surrogate/);
    expect(textProblem("o'brien; drop table x -- 😀")).toBeUndefined();
  });
});
