import type { NextFunction, Request, Response } from 'express';
import { problem, sendProblem } from './problem';

/** Deeper than any body of this API; deeper input would exhaust the validators' recursion. */
export const MAX_JSON_DEPTH = 32;

// Names the validation layer silently drops instead of refusing (Nest strips `__proto__`,
// `constructor` and `prototype`; class-transformer skips members named like inherited methods):
// refused here so that an unknown field is always a 400.
const isReservedKey = (key: string): boolean => key === '__proto__' || key === 'prototype' || key in Object.prototype;

/** The first problem with a parsed body's shape, as a field error, or undefined. Iterative: no recursion to overflow. */
export const jsonShapeProblem = (body: unknown): { field: string; message: string } | undefined => {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return { field: path, message: `the body nests deeper than ${MAX_JSON_DEPTH} levels` };
    const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
    for (const [key, member] of entries) {
      const field = path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && isReservedKey(key)) return { field, message: `${key} is not a field of this API` };
      pending.push({ value: member, path: field, depth: depth + 1 });
    }
  }
  return undefined;
};

/** Express middleware after the JSON parser: answers 400 VALIDATION_FAILED for a body of unsafe shape. */
export const refuseUnsafeJson = (request: Request, response: Response, next: NextFunction): void => {
  const found = jsonShapeProblem(request.body);
  if (!found) return next();
  sendProblem(response, request, problem(400, 'VALIDATION_FAILED', found.message, { errors: [{ field: found.field, messages: [found.message] }] }));
};
