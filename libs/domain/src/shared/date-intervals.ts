import { addDays, CalendarDate, daysBetween, isAfter, isBefore } from './dates';

/** The days `from`..`to`, both included. */
export interface DateInterval {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

export const daysIn = ({ from, to }: DateInterval): number => daysBetween(from, to) + 1;

const earlier = (a: CalendarDate, b: CalendarDate) => (isBefore(a, b) ? a : b);
const later = (a: CalendarDate, b: CalendarDate) => (isAfter(a, b) ? a : b);

/** Sorted, with overlapping and adjacent intervals joined (`1..3` and `4..6` make `1..6`). */
export const mergeIntervals = (intervals: readonly DateInterval[]): DateInterval[] => {
  const sorted = [...intervals].sort((a, b) => daysBetween(b.from, a.from));
  const merged: DateInterval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && !isAfter(interval.from, addDays(last.to, 1))) merged[merged.length - 1] = { from: last.from, to: later(last.to, interval.to) };
    else merged.push(interval);
  }
  return merged;
};

/** The days lying in both lists, merged. */
export const intersectIntervals = (a: readonly DateInterval[], b: readonly DateInterval[]): DateInterval[] =>
  mergeIntervals(
    a.flatMap((x) =>
      b.flatMap((y) => {
        const from = later(x.from, y.from);
        const to = earlier(x.to, y.to);
        return isAfter(from, to) ? [] : [{ from, to }];
      })),
  );

/** The days of `window` that no interval covers, as maximal runs. */
export const gapsWithin = (intervals: readonly DateInterval[], window: DateInterval): DateInterval[] => {
  const gaps: DateInterval[] = [];
  let next = window.from;
  for (const { from, to } of intersectIntervals(intervals, [window])) {
    if (isBefore(next, from)) gaps.push({ from: next, to: addDays(from, -1) });
    next = addDays(to, 1);
  }
  if (!isAfter(next, window.to)) gaps.push({ from: next, to: window.to });
  return gaps;
};

/** Whether some day lies in both intervals. */
export const overlaps = (a: DateInterval, b: DateInterval): boolean => !isAfter(a.from, b.to) && !isAfter(b.from, a.to);
