import { addDays, addYears, compareDates, daysBetween, isCalendarDate, isInstant, isWithin, utcDateOf } from './dates';

describe('calendar dates', () => {
  it.each(['2017-07-27', '2016-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (date) =>
    expect(isCalendarDate(date)).toBe(true));

  it.each(['2017-02-29', '1900-02-29', '2017-13-01', '2017-00-10', '2017-04-31', '2017-7-27', '27/07/2017', '2017-07-27T00:00:00Z', '', 20170727, null])(
    'refuses %p',
    (value) => expect(isCalendarDate(value)).toBe(false),
  );

  it('adds days across months, years and leap days', () => {
    expect(addDays('2017-12-31', 1)).toBe('2018-01-01');
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2017-03-01', -1)).toBe('2017-02-28');
    expect(addDays('2017-07-27', 365)).toBe('2018-07-27');
  });

  it('counts the days between two dates', () => {
    expect(daysBetween('2017-01-01', '2017-12-31')).toBe(364);
    expect(daysBetween('2016-01-01', '2017-01-01')).toBe(366);
    expect(daysBetween('2017-12-31', '2017-07-27')).toBe(-157);
  });

  it('compares dates and tells whether one lies in a range', () => {
    expect(compareDates('2017-07-27', '2017-12-31')).toBeLessThan(0);
    expect(compareDates('2017-07-27', '2017-07-27')).toBe(0);
    expect(isWithin('2017-12-31', '2017-07-27', '2017-12-31')).toBe(true);
    expect(isWithin('2018-01-01', '2017-07-27', '2017-12-31')).toBe(false);
  });

  it('adds years, keeping 29 February within February', () => {
    expect(addYears('2017-07-27', 5)).toBe('2022-07-27');
    expect(addYears('2016-02-29', 1)).toBe('2017-02-28');
  });

  it('takes the UTC date of an instant', () => {
    expect(utcDateOf('2017-07-27T23:30:00+02:00')).toBe('2017-07-27');
    expect(utcDateOf('2017-07-27T23:30:00Z')).toBe('2017-07-27');
    expect(() => utcDateOf('yesterday')).toThrow(RangeError);
  });

  it.each(['2018-03-01T09:00:00Z', '2018-03-01T09:00:00.123Z', '2018-03-01T10:00:00+01:00', '2018-03-01T09:00:00.123456Z'])('accepts the instant %s', (value) =>
    expect(isInstant(value)).toBe(true));

  it.each(['2018-03-01', '2018-03-01T09:00Z', '2018-03-01T09:00:00', '2018-02-30T09:00:00Z', '2018-03-01T25:00:00Z', 'yesterday', 1519894800000])(
    'refuses %p as an instant',
    (value) => expect(isInstant(value)).toBe(false),
  );
});
