import { euros, frDate, frInstant, frNumber } from './report-labels';

describe('the wording of the PDF', () => {
  it('writes money, dates and numbers as a French clerk reads them', () => {
    expect([euros(0), euros(190_000), euros(281_000_005), euros(-1_50)]).toEqual(['0,00 €', '1 900,00 €', '2 810 000,05 €', '-1,50 €']);
    expect([frDate('2017-07-08'), frDate(null)]).toEqual(['08/07/2017', '—']);
    expect(frInstant('2018-01-15T09:00:00Z')).toBe('15/01/2018 09:00:00 UTC');
    expect(frNumber(12345.5)).toBe('12 345,5');
  });

});
