import type { Request, Response } from 'express';

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
  /** Extension members a domain refusal names (RFC 9457 §3.2): the totals a rule added up. */
  readonly [extension: string]: unknown;
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

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const problem = (status: number, code: string, detail?: string, extra: Partial<Problem> = {}): Problem => ({
  type: `https://mandate-ledger.fr/problems/${code.toLowerCase().replaceAll('_', '-')}`,
  title: TITLES[status] ?? 'Error',
  status,
  code,
  detail,
  ...extra,
});

/** Sends a problem; never stored by a cache, whatever the route (a refusal may name what the caller sent). */
export const sendProblem = (response: Response, request: Request, body: Problem): void => {
  response.status(body.status).type('application/problem+json').setHeader('Cache-Control', 'no-store');
  response.send(JSON.stringify({ ...body, instance: request.originalUrl }));
};
