import {
  departementOfCommune,
  isValidCpvCode,
  isValidDepartementCode,
  isValidInseeCommuneCode,
  isValidLanguageCode,
  isValidRna,
  isValidSiren,
  isValidSiret,
} from './french-identifiers';

describe('French identifiers', () => {
  it.each(['732829320', '356000000'])('accepts the SIREN %s', (value) => expect(isValidSiren(value)).toBe(true));
  it.each(['123456789', '73282932', '7328293201', '73282932A', ' 732829320'])('refuses the SIREN %p', (value) =>
    expect(isValidSiren(value)).toBe(false));

  it.each(['73282932000074', '35600000049837', '35600000000048'])('accepts the SIRET %s', (value) =>
    expect(isValidSiret(value)).toBe(true));
  it.each(['12345678912345', '73282932000075', '7328293200007', '35600000049838'])('refuses the SIRET %s', (value) =>
    expect(isValidSiret(value)).toBe(false));

  it('applies the digit-sum exception to La Poste only', () => {
    // 12345678900005 sums to 45, a multiple of 5, but fails the Luhn check outside La Poste.
    expect(isValidSiret('12345678900005')).toBe(false);
  });

  it.each(['W621000001', 'W231468097'])('accepts the RNA number %s', (value) => expect(isValidRna(value)).toBe(true));
  it.each(['w231468097', 'W23146809', 'W2314680971', '231468097', 'W2A1468097'])('refuses the RNA number %s', (value) =>
    expect(isValidRna(value)).toBe(false));

  it.each(['01', '59', '62', '95', '2A', '2B', '971', '976'])('accepts the département %s', (value) =>
    expect(isValidDepartementCode(value)).toBe(true));
  it.each(['00', '20', '96', '977', '2C', '6', '062', '2a'])('refuses the département %s', (value) =>
    expect(isValidDepartementCode(value)).toBe(false));

  it.each(['62193', '59271', '2A004', '2B033', '97411', '75056'])('accepts the INSEE commune code %s', (value) =>
    expect(isValidInseeCommuneCode(value)).toBe(true));
  it.each(['62000', '20004', '96001', '97700', '97100', '6219', '621930', '2C004'])('refuses the INSEE commune code %s', (value) =>
    expect(isValidInseeCommuneCode(value)).toBe(false));

  it('finds the département of a commune', () => {
    expect(departementOfCommune('62193')).toBe('62');
    expect(departementOfCommune('2B033')).toBe('2B');
    expect(departementOfCommune('97411')).toBe('974');
  });

  it.each(['55320000-9', '90511000-2'])('accepts the CPV code %s', (value) => expect(isValidCpvCode(value)).toBe(true));
  it.each(['55320000', '5532000-9', '55320000-X', '55320000-10'])('refuses the CPV code %s', (value) =>
    expect(isValidCpvCode(value)).toBe(false));

  it.each(['ps', 'ti', 'ar', 'fa', 'prs', 'ckb'])('accepts the language code %s', (value) =>
    expect(isValidLanguageCode(value)).toBe(true));
  it.each(['xx', 'PS', 'p', 'pash', 'en-GB'])('refuses the language code %s', (value) =>
    expect(isValidLanguageCode(value)).toBe(false));
});
