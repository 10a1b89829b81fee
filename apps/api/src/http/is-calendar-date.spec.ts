import { failingFields, validateBody } from './request-validation.testing';
import { IsCalendarDate } from './is-calendar-date';

class Dated {
  @IsCalendarDate()
  on!: string;

  @IsCalendarDate({ each: true })
  days!: string[];
}

const dated = (on: unknown, days: unknown[] = []) => ({ on, days });

describe('IsCalendarDate', () => {
  it.each(['2017-07-27', '2020-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', async (on) => {
    expect(await failingFields(Dated, dated(on))).toEqual([]);
  });

  it.each(['2017-02-30', '2019-02-29', '1900-02-29', '2017-04-31', '2017-13-01', '2017-00-10', '2017-01-00', '0000-01-01'])(
    'refuses %s, a day that does not exist',
    async (on) => {
      expect(await validateBody(Dated, dated(on))).toEqual([{ field: 'on', messages: ['on must be a date that exists in the calendar'] }]);
    },
  );

  it.each<unknown>(['2017-7-27', '27/07/2017', '2017-07-27T00:00:00Z', ' 2017-07-27', '', 20170727, null, undefined, ['2017-07-27']])(
    'refuses %p, not a date YYYY-MM-DD',
    async (on) => {
      expect(await validateBody(Dated, dated(on))).toEqual([{ field: 'on', messages: ['on must be a date YYYY-MM-DD'] }]);
    },
  );

  it('checks each date of a list', async () => {
    expect(await validateBody(Dated, dated('2017-07-27', ['2017-07-27', '2017-02-30']))).toEqual([
      { field: 'days', messages: ['each value in days must be a date that exists in the calendar'] },
    ]);
  });
});
