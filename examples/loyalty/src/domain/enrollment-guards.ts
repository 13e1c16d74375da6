// The refusals that several of the Enrollment's commands share: each throws a `DomainError`
// that names what was wrong, before anything is raised.
import { DomainError } from '@strata/core';
import type { EnrollmentState } from './enrollment-state.js';
import type { ProgramTerms } from './loyalty-program.js';

/** What the guards read of an enrolment (the aggregate itself). */
type Guarded = {
  readonly id: string;
  readonly state: Readonly<Pick<EnrollmentState, 'enrolled' | 'programId' | 'customerId' | 'balance'>>;
};

export function instant(at: Date, field: string): string {
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw new DomainError('INVALID_DATE', `${field} must be a valid date`, { field, value: String(at) });
  return at.toISOString();
}

export function positivePoints(points: number, enrollment: string): void {
  if (!Number.isInteger(points) || points <= 0)
    throw new DomainError('INVALID_POINTS', `points must be a whole number > 0, got ${points}`, {
      enrollmentId: enrollment,
      points,
    });
}

export function mustHave(enrollment: Guarded, points: number): void {
  if (points > enrollment.state.balance) {
    throw new DomainError(
      'INSUFFICIENT_POINTS',
      `${enrollment.state.customerId} has ${enrollment.state.balance} points in ${enrollment.state.programId}, ${points} needed`,
      { enrollmentId: enrollment.id, balance: enrollment.state.balance, requested: points },
    );
  }
}

export function mustBeEnrolled(enrollment: Guarded): void {
  if (!enrollment.state.enrolled) {
    throw new DomainError('NOT_ENROLLED', `enrolment ${enrollment.id} does not exist: enrol first`, {
      enrollmentId: enrollment.id,
    });
  }
}

export function mustBeEnrolledIn(enrollment: Guarded, program: ProgramTerms): void {
  mustBeEnrolled(enrollment);
  if (program.programId !== enrollment.state.programId) {
    throw new DomainError(
      'PROGRAM_MISMATCH',
      `enrolment ${enrollment.id} belongs to ${enrollment.state.programId}, not ${program.programId}`,
      {
        enrollmentId: enrollment.id,
        programId: enrollment.state.programId,
        given: program.programId,
      },
    );
  }
  mustBeActive(program);
}

export function mustBeActive(program: ProgramTerms): void {
  if (program.status !== 'active') {
    throw new DomainError(
      'PROGRAM_INACTIVE',
      `program ${program.programId} is ${program.status}, not active`,
      {
        programId: program.programId,
        status: program.status,
      },
    );
  }
}
