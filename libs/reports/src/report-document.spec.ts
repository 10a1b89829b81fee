import { communeLabel, communeName } from './communes';
import { parisDate } from './report-document';

describe('the document around the figures', () => {
  it('names communes from their INSEE code, and keeps a code it does not know', () => {
    expect([communeName('62193'), communeName('59271'), communeName('2A004')]).toEqual(['Calais', 'Grande-Synthe', 'Ajaccio']);
    expect([communeLabel('62193'), communeLabel('99999')]).toEqual(['Calais (62193)', '99999']);
  });

  it('dates a signature in Paris, where the report is signed', () => {
    expect(parisDate('2018-01-15T09:00:00Z')).toBe('2018-01-15');
    expect(parisDate('2018-06-30T22:30:00Z')).toBe('2018-07-01');
  });
});
