import { csvField } from './compliance-report.csv';

describe('CSV fields (RFC 4180)', () => {
  it('leaves plain text, numbers and booleans as they are, and empties what is absent', () => {
    expect([csvField('art. 2'), csvField(19), csvField(false), csvField(null), csvField(undefined)]).toEqual(['art. 2', '19', 'false', '', '']);
  });

  it('quotes a field holding a comma, a quote or a line break, doubling its quotes', () => {
    expect(csvField('boire, se laver')).toBe('"boire, se laver"');
    expect(csvField('points "accessibles"')).toBe('"points ""accessibles"""');
    expect(csvField('ligne 1\r\nligne 2')).toBe('"ligne 1\r\nligne 2"');
  });

  it('quotes on the semicolon and writes decimals with a comma for French spreadsheet software', () => {
    expect([csvField('boire, se laver', 'excel-fr'), csvField('a; b', 'excel-fr'), csvField(0.8494, 'excel-fr'), csvField('0.5', 'excel-fr')]).toEqual([
      'boire, se laver',
      '"a; b"',
      '0,8494',
      '0.5',
    ]);
  });
});
