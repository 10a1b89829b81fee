/**
 * How a refusal reads at the edge: `invalid` (the command is wrong whatever the state, 422),
 * `conflict` (refused by the current state, 409), `not_found` (the aggregate does not exist, 404).
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found';

/** A refusal of the domain, with a stable UPPER_SNAKE `code` that the API returns as is. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
    /** What the refusal names, as JSON members for the problem's body (the totals a rule added up). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

export const invalidField = (field: string, expected: string) =>
  new DomainError('INVALID_FIELD', `${field} must be ${expected}`);
export const invalidDate = (field: string, value: unknown) =>
  new DomainError('INVALID_DATE', `${field} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
export const invalidInstant = (field: string, value: unknown) =>
  new DomainError('INVALID_INSTANT', `${field} must be an ISO 8601 instant such as 2018-03-01T09:00:00Z, got ${JSON.stringify(value)}`);
export const invalidPeriod = (field: string, start: string, end: string) =>
  new DomainError('INVALID_PERIOD', `${field} starts on ${start}, after its end ${end}`);
export const invalidStaffing = (field: string) =>
  new DomainError('INVALID_STAFFING', `${field} must be a non-negative number (volunteers a whole number)`);
export const invalidSiren = (value: string) => new DomainError('INVALID_SIREN', `${value} is not a valid SIREN`);
export const invalidSiret = (value: string) => new DomainError('INVALID_SIRET', `${value} is not a valid SIRET`);
export const invalidDepartement = (value: string) =>
  new DomainError('INVALID_DEPARTEMENT', `${value} is not a département code`);
export const dateInFuture = (field: string, date: string) =>
  new DomainError('DATE_IN_FUTURE', `${field} ${date} lies in the future`);
