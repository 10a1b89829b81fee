/** A calendar date `YYYY-MM-DD`, no time and no time zone (effective dates of decisions). */
export type CalendarDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => (m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

const parts = (date: CalendarDate): [number, number, number] => {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
};

export const isCalendarDate = (value: unknown): value is CalendarDate => {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const [y, m, d] = parts(value);
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
};

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
const toDayNumber = (date: CalendarDate): number => {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

const fromDayNumber = (days: number): CalendarDate => {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** Negative, zero or positive as `a` is before, on or after `b`. */
export const compareDates = (a: CalendarDate, b: CalendarDate): number => toDayNumber(a) - toDayNumber(b);
export const isBefore = (a: CalendarDate, b: CalendarDate) => compareDates(a, b) < 0;
export const isAfter = (a: CalendarDate, b: CalendarDate) => compareDates(a, b) > 0;
/** `from ≤ date ≤ to`, both ends included. */
export const isWithin = (date: CalendarDate, from: CalendarDate, to: CalendarDate) =>
  !isBefore(date, from) && !isAfter(date, to);

export const addDays = (date: CalendarDate, days: number): CalendarDate => fromDayNumber(toDayNumber(date) + days);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => toDayNumber(to) - toDayNumber(from);

/** Same day `years` later; 29 February becomes 28 February in a common year. */
export const addYears = (date: CalendarDate, years: number): CalendarDate => {
  const [y, m, d] = parts(date);
  const year = y + years;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, daysInMonth(year, m))).padStart(2, '0')}`;
};

/** The UTC calendar date of an ISO 8601 instant such as `metadata.now`. */
export const utcDateOf = (instant: string): CalendarDate => {
  const time = new Date(instant).getTime();
  if (Number.isNaN(time)) throw new RangeError(`not an ISO 8601 instant: ${instant}`);
  return fromDayNumber(Math.floor(time / 86_400_000));
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with seconds and an offset (`2018-03-01T09:00:00Z`), such as `asKnownAt`. */
export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && INSTANT.test(value) && isCalendarDate(value.slice(0, 10)) && !Number.isNaN(new Date(value).getTime());

/** Same day `months` later; a day the month lacks becomes its last (31 December + 6 months: 30 June). */
export const addMonths = (date: CalendarDate, months: number): CalendarDate => {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, daysInMonth(year, month))).padStart(2, '0')}`;
};

/** The calendar year of a date. */
export const yearOf = (date: CalendarDate): number => parts(date)[0];
