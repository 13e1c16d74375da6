import { StrataError } from './strata-error.js';

/**
 * A rule of the user's domain said no. The code is the user's own (`NOT_ENROLLED`);
 * `Repository.update` never retries it and test helpers treat it as a rejected command.
 */
export class DomainError<Details = unknown> extends StrataError {
  readonly details: Details | undefined;

  constructor(code: string, message: string, details?: Details) {
    super(code, message);
    this.details = details;
  }
}
