import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deep-freeze.js';

describe('deepFreeze', () => {
  it('freezes nested objects and arrays, and leaves typed arrays alone', () => {
    const value = { a: { b: [1, { c: 2 }] }, bytes: new Uint8Array([1, 2]) };
    deepFreeze(value);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(Object.isFrozen(value.bytes)).toBe(false);
  });
});
