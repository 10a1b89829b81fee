import { normalizedText, textProblem } from './text-input';

describe('texts of request bodies', () => {
  it('composes every string of a body to NFC at any depth, leaving other values as they are', () => {
    const body = { name: 'Pre\u0301fet', missions: [{ indicators: [{ name: 'mineurs_rep\u00E9re\u0301s', target: 100 }] }], draft: false, note: null };
    expect(normalizedText(body)).toEqual({
      body: { name: 'Pr\u00E9fet', missions: [{ indicators: [{ name: 'mineurs_rep\u00E9r\u00E9s', target: 100 }] }], draft: false, note: null },
      errors: [],
    });
  });

  it('names each refused text by its dotted path', () => {
    const { errors } = normalizedText({ authority: { name: '\u200B' }, legalBasis: [{ reference: 'TA\u202ELille' }] });
    expect(errors).toEqual([
      { field: 'authority.name', messages: ['authority.name must contain visible characters, not only spaces or invisible ones'] },
      { field: 'legalBasis.0.reference', messages: ['legalBasis.0.reference must not contain bidirectional control characters (U+202E)'] },
    ]);
  });

  it('keeps a member named __proto__ as a member, for the validator to refuse as unknown', () => {
    const body = JSON.parse('{"__proto__": {"role": "admin"}}') as object;
    const copy = normalizedText(body).body as object;
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('accepts visible text with ordinary spaces, new lines and French typography', () => {
    expect(textProblem('summary', 'Maraude quotidienne\u00A0: 143 mineurs.\nPoint d’eau « rue des Verrotières »')).toBeUndefined();
  });
});
