import fc from 'fast-check';

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

// Beyond ASCII: any code point but C0/C1 controls and lone surrogates. NUL is left out
// because PostgreSQL text and jsonb cannot store it, and these values feed event stores.
const wideCodePoint = fc
  .integer({ min: 0xa0, max: 0x10ffff })
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code));

/**
 * One code point per unit, so fast-check's lengths are zod's lengths (zod measures strings
 * in code points). Mostly printable ASCII, with some of the rest of Unicode.
 */
export const codePointUnit: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: printableAscii, weight: 4 },
  { arbitrary: wideCodePoint, weight: 1 },
);

/** Printable ASCII only: case mapping keeps its length. */
export const asciiUnit: fc.Arbitrary<string> = printableAscii;

export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Keys for records and extra object properties: never `__proto__`, which would set a prototype. */
export const propertyKey: fc.Arbitrary<string> = fc
  .string({ unit: codePointUnit, minLength: 1, maxLength: 8 })
  .filter((key) => key !== '__proto__');
