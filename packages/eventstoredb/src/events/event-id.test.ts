import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalUuid, toEventStoreDBId, uuidFromName } from './event-id.js';

describe('event ids', () => {
  it('keeps a lowercase UUID as it is', () => {
    fc.assert(
      fc.property(fc.uuid(), (uuid) => {
        expect(toEventStoreDBId(uuid.toLowerCase())).toBe(uuid.toLowerCase());
      }),
    );
  });

  it('derives a version 5 UUID, the same every time, for any other id', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        fc.pre(!isCanonicalUuid(id));
        const derived = toEventStoreDBId(id);
        expect(isCanonicalUuid(derived)).toBe(true);
        expect(derived[14]).toBe('5');
        expect(['8', '9', 'a', 'b']).toContain(derived[19]);
        expect(toEventStoreDBId(id)).toBe(derived);
      }),
    );
  });

  it('derives different UUIDs for different ids, including an uppercase UUID and its lowercase form', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(uuidFromName(a)).not.toBe(uuidFromName(b));
      }),
    );
    const upper = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11';
    expect(toEventStoreDBId(upper)).not.toBe(upper.toLowerCase());
  });

  it('matches the RFC 9562 version 5 test vector (DNS namespace, www.example.com)', () => {
    expect(uuidFromName('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
