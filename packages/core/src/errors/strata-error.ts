/** The base of every error Strata throws: a stable `code` for programs, a message for people. */
export class StrataError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
