import { frenchDate, frenchDateTime, instantOfLocalInput, isoOfFrenchDate, money } from '../../apps/console/src/labels';

describe('dates and amounts as the console writes and reads them', () => {
  it('writes dates as people write them here', () => {
    expect(frenchDate('2017-07-27')).toBe('27/07/2017');
    expect(frenchDateTime('2017-07-27T12:05:09.123Z')).toBe('27/07/2017 14:05:09');
    expect(money(12_000_000).replace(/\s/g, ' ')).toBe('120 000,00 €');
  });

  it('reads 27/07/2017, and refuses what is not a day of the calendar', () => {
    expect(isoOfFrenchDate('27/07/2017')).toBe('2017-07-27');
    expect(isoOfFrenchDate(' 1/2/2018 ')).toBe('2018-02-01');
    expect(isoOfFrenchDate('29/02/2017')).toBeUndefined();
    expect(isoOfFrenchDate('2017-07-27')).toBeUndefined();
    expect(isoOfFrenchDate('07/27/2017')).toBeUndefined();
  });

  it('reads a time of day as Paris time, in winter and in summer', () => {
    expect(instantOfLocalInput('2017-12-01T09:00:00')).toBe('2017-12-01T08:00:00.000Z');
    expect(instantOfLocalInput('2017-07-27T09:00:00')).toBe('2017-07-27T07:00:00.000Z');
  });
});
