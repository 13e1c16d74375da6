import { MemoryEventStore, Repository, toArray } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { ID, alice, day, enrolled, terms } from './enrollment-fixtures.js';
import { Enrollment, type PointsEarnedV1 } from './enrollment.js';

describe('Enrollment', () => {
  describe('stored version 1 of loyalty.points.earned', () => {
    const v1: PointsEarnedV1 = {
      enrollmentId: ID,
      transactionId: 'till-7',
      points: 40,
      earnedAt: day(2).toISOString(),
    };

    it('is upcast with the reason every v1 earning had: a purchase', async () => {
      await alice([enrolled, { type: 'loyalty.points.earned', data: v1, schemaVersion: 1 }])
        .when(() => undefined)
        .thenState((s) => {
          expect(s.lots).toEqual([
            {
              transactionId: 'till-7',
              reason: 'purchase',
              earnedAt: v1.earnedAt,
              points: 40,
              remaining: 40,
              expired: 0,
              reversed: false,
            },
          ]);
          expect(s.balance).toBe(40);
        });
    });

    it('loads from a store that holds it as written, and new earnings are written as v2', async () => {
      const store = new MemoryEventStore();
      await store.append(`enrollment-${ID}`, [
        { type: enrolled.type, data: enrolled.data },
        { type: 'loyalty.points.earned', data: v1, schemaVersion: 1 },
      ]);
      const enrollments = new Repository(store, Enrollment);
      await enrollments.update(ID, (e) =>
        e.earn(terms, 10, { transactionId: 'till-8', reason: 'purchase', at: day(3) }),
      );
      const loaded = await enrollments.load(ID);
      expect(loaded.state.lots.map((l) => [l.transactionId, l.reason, l.points])).toEqual([
        ['till-7', 'purchase', 40],
        ['till-8', 'purchase', 10],
      ]);
      expect(loaded.state.balance).toBe(50);
      const stored = await toArray(store.readStream(`enrollment-${ID}`));
      expect(stored.map((event) => [event.type, event.schemaVersion])).toEqual([
        ['loyalty.customer.enrolled', 1],
        ['loyalty.points.earned', 1],
        ['loyalty.points.earned', 2],
      ]);
      expect(stored[1]?.data).toEqual(v1);
    });
  });
});
