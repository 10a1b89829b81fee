import { addDays, CalendarDate, isAfter, isBefore, isCalendarDate, utcDateOf } from './dates';
import { CommandMetadata } from './decider';
import { dateInFuture, invalidDate, invalidField, invalidPeriod, invalidStaffing } from './domain-error';

// Backstops for what the HTTP layer validates first: the domain refuses bad data from any caller.

export const requireText = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw invalidField(field, 'a non-empty text');
  return value;
};

export const requireOneOf = <T extends string>(value: unknown, allowed: readonly T[], field: string): T => {
  if (!allowed.includes(value as T)) throw invalidField(field, `one of ${allowed.join(', ')}`);
  return value as T;
};

export const requireList = <T>(value: readonly T[] | undefined, field: string, { nonEmpty = false } = {}): readonly T[] => {
  if (!Array.isArray(value) || (nonEmpty && value.length === 0)) throw invalidField(field, nonEmpty ? 'a non-empty list' : 'a list');
  return value;
};

export const isNonNegativeNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

export const requireDate = (value: unknown, field: string): CalendarDate => {
  if (!isCalendarDate(value)) throw invalidDate(field, value);
  return value;
};

export const requirePeriod = (start: unknown, end: unknown, field: string): void => {
  requireDate(start, `${field}.start`);
  requireDate(end, `${field}.end`);
  if (isBefore(end as CalendarDate, start as CalendarDate)) throw invalidPeriod(field, start as string, end as string);
};

/** Salaried FTE may be fractional; volunteers are whole people. */
export const requireStaff = (staff: { salariedFte: unknown; volunteers?: unknown } | undefined, field: string): void => {
  if (staff === null || typeof staff !== 'object' || !isNonNegativeNumber(staff.salariedFte)) throw invalidStaffing(field);
  if (staff.volunteers !== undefined && !(Number.isSafeInteger(staff.volunteers) && (staff.volunteers as number) >= 0))
    throw invalidStaffing(field);
};

// A day of slack: `now` is UTC, the officer may be in Mayotte or Réunion, already tomorrow.
export const requireNotInFuture = (date: CalendarDate, field: string, { now }: CommandMetadata): void => {
  if (isAfter(date, addDays(utcDateOf(now), 1))) throw dateInFuture(field, date);
};
