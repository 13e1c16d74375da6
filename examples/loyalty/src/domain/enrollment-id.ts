import { DomainError } from '@strata/core';

/** The id of a customer's enrolment in a program: `<programId>.<customerId>`. */
export function enrollmentId(programId: string, customerId: string): string {
  if (programId === '' || programId.includes('.')) {
    const message = `a program id is non-empty and has no '.', got '${programId}'`;
    throw new DomainError('INVALID_PROGRAM_ID', message, { programId });
  }
  if (customerId === '')
    throw new DomainError('INVALID_CUSTOMER_ID', 'a customer id is non-empty', { programId, customerId });
  return `${programId}.${customerId}`;
}
