import { daysIn, gapsWithin, intersectIntervals, mergeIntervals, overlaps } from './date-intervals';

const i = (from: string, to: string) => ({ from, to });

describe('date intervals', () => {
  it('counts both ends', () => {
    expect(daysIn(i('2017-07-27', '2017-07-27'))).toBe(1);
    expect(daysIn(i('2017-12-31', '2018-01-01'))).toBe(2);
  });

  it('merges overlapping and adjacent intervals, in date order', () =>
    expect(mergeIntervals([i('2017-09-01', '2017-09-30'), i('2017-08-01', '2017-08-31'), i('2017-09-15', '2017-10-10'), i('2017-11-01', '2017-11-02')]))
      .toEqual([i('2017-08-01', '2017-10-10'), i('2017-11-01', '2017-11-02')]));

  it('keeps intervals a day apart separate', () =>
    expect(mergeIntervals([i('2017-08-01', '2017-08-30'), i('2017-09-01', '2017-09-30')])).toEqual([i('2017-08-01', '2017-08-30'), i('2017-09-01', '2017-09-30')]));

  it('intersects two lists', () =>
    expect(intersectIntervals([i('2017-08-01', '2017-08-31'), i('2017-10-01', '2017-10-31')], [i('2017-08-20', '2017-10-05')]))
      .toEqual([i('2017-08-20', '2017-08-31'), i('2017-10-01', '2017-10-05')]));

  it('finds nothing in common between disjoint lists', () =>
    expect(intersectIntervals([i('2017-08-01', '2017-08-31')], [i('2017-09-01', '2017-09-30')])).toEqual([]));

  it('finds the gaps within a window, at its start, between intervals and at its end', () =>
    expect(gapsWithin([i('2017-08-05', '2017-08-10'), i('2017-08-20', '2017-09-10')], i('2017-08-01', '2017-08-31')))
      .toEqual([i('2017-08-01', '2017-08-04'), i('2017-08-11', '2017-08-19')]));

  it('finds the whole window a gap when nothing covers it, and none when all of it is covered', () => {
    expect(gapsWithin([], i('2017-08-01', '2017-08-31'))).toEqual([i('2017-08-01', '2017-08-31')]);
    expect(gapsWithin([i('2017-07-01', '2017-09-30')], i('2017-08-01', '2017-08-31'))).toEqual([]);
  });

  it('tells whether two intervals share a day', () => {
    expect(overlaps(i('2017-08-01', '2017-08-31'), i('2017-08-31', '2017-09-30'))).toBe(true);
    expect(overlaps(i('2017-08-01', '2017-08-30'), i('2017-08-31', '2017-09-30'))).toBe(false);
  });
});
