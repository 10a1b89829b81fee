/** RFC 9457 problem details with the stable `code` of DESIGN §4. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly instance?: string;
  /** Every failing field, for VALIDATION_FAILED. */
  readonly errors?: readonly FieldError[];
}

export interface FieldError {
  /** Dotted path of the field, e.g. `period.end` or `missions.0.type`. */
  readonly field: string;
  readonly messages: readonly string[];
}

/** An error that already knows its problem: thrown by pipes, guards and handlers of the API. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors?: readonly FieldError[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}
