import { describe, expect, it } from 'vitest';
import { ID, alice, day, enrolled, terms } from './enrollment-fixtures.js';
import { enrollmentId } from './enrollment.js';

describe('Enrollment', () => {
  describe('enrolment', () => {
    it('records the program terms the customer joined under', async () => {
      await alice([])
        .when((e) => e.enrol('alice', terms, day(0)))
        .then([enrolled]);
    });

    it('a customer enrols once', async () => {
      const error = await alice([enrolled])
        .when((e) => e.enrol('alice', terms, day(1)))
        .thenThrows('ALREADY_ENROLLED');
      expect(error).toMatchObject({
        details: { enrollmentId: ID, programId: 'coffee', customerId: 'alice' },
      });
    });

    it('only in an active program', async () => {
      for (const status of ['draft', 'suspended', 'closed'] as const) {
        const error = await alice([])
          .when((e) => e.enrol('alice', { ...terms, status }, day(0)))
          .thenThrows('PROGRAM_INACTIVE');
        expect(error).toMatchObject({ details: { programId: 'coffee', status } });
      }
    });

    it('the enrolment id is <programId>.<customerId>', async () => {
      expect(enrollmentId('coffee', 'bob.smith@example.com')).toBe('coffee.bob.smith@example.com');
      await alice([])
        .when((e) => e.enrol('bob', terms, day(0)))
        .thenThrows('ENROLLMENT_ID_MISMATCH');
      await alice([])
        .when((e) => e.enrol('', terms, day(0)))
        .thenThrows('INVALID_CUSTOMER_ID');
      expect(() => enrollmentId('co.ffee', 'alice')).toThrow(
        expect.objectContaining({ code: 'INVALID_PROGRAM_ID' }),
      );
    });

    it('needs a real date', async () => {
      await alice([])
        .when((e) => e.enrol('alice', terms, new Date('nonsense')))
        .thenThrows('INVALID_DATE');
    });
  });
});
