import type { GrantMandate } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { ProblemError } from '../../http/problem';
import { validationPipe } from '../../http/validation';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { mealContract } from '../../../../../libs/domain/src/testing/mandate.fixtures';
import { GrantMandateRequest } from './grant-mandate.request';

// DESIGN §4: the 27 July 2017 outreach agreement for minors in Calais.
const calais = () => ({
  operatorId: '0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f',
  authority: { kind: 'prefecture', name: 'Préfet du Pas-de-Calais', siret: '13000548100002', departement: '62' },
  instrument: { kind: 'annual_agreement', reference: 'CONV-2017-62-014', decisionDate: '2017-07-27', signatureDate: '2017-07-27' },
  legalBasis: [
    { source: 'CASF', article: 'D.345-8' },
    { source: 'court_decision', reference: 'TA Lille 1705379' },
  ],
  missions: [{ type: 'MARAUDE_MINORS', indicators: [{ name: 'minors_found', unit: 'persons', target: 100 }] }],
  territory: { departement: '62', communes: ['62193'] },
  period: { start: '2017-07-27', end: '2017-12-31' },
  financing: { amountCents: 12000000, nature: 'cash', paymentTerms: 'instalments', programme: '177', chorusCommitment: '2100456789' },
  staffing: { salariedFte: 6 },
});

type Body = ReturnType<typeof calais> & Record<string, unknown>;
const grant = (change: (body: Body) => void) => {
  const body = calais() as Body;
  change(body);
  return body;
};
const fieldsOf = (body: unknown) => failingFields(GrantMandateRequest, body);

describe('GrantMandateRequest', () => {
  it('accepts the Calais grant of DESIGN §4', async () => {
    expect(await validateBody(GrantMandateRequest, calais())).toEqual([]);
  });

  it('accepts indicators declaring their kind, a rate its period, and a French label', async () => {
    const body = grant((b) => {
      b.missions[0].indicators = [
        { name: 'minors_found', unit: 'persons', target: 100, kind: 'rate', per: 'month', label: 'mineurs rencontrés par mois' },
        { name: 'shelter_places', unit: 'places', target: 30, kind: 'stock' },
        { name: 'minors_sheltered', unit: 'persons', target: 300, kind: 'count' },
      ] as never;
    });
    expect(await validateBody(GrantMandateRequest, body)).toEqual([]);
  });

  it('accepts every optional section: id, sites, schedule, volunteers, linked obligations, a public contract with its CPV and procurement facts', async () => {
    const body = grant((b) => {
      b.id = '0190f1c2-0000-7000-8000-000000000001';
      b.instrument = structuredClone(mealContract) as never;
      b.territory = { departement: '62', communes: ['62193'], sites: [{ name: 'Rue des Verrotières', commune: '62193' }, { name: 'Zone industrielle des Dunes' }] } as never;
      b.financing = { ...b.financing, schedule: [{ dueDate: '2017-08-15', amountCents: 6000000 }, { dueDate: '2017-11-15', amountCents: 6000000 }] } as never;
      b.staffing = { salariedFte: 6.5, volunteers: 12 } as never;
      b.linkedObligations = [{ complianceCaseId: '0190f1c2-0000-7000-8000-000000000002', obligationId: 'art-2' }];
    });
    expect(await validateBody(GrantMandateRequest, body)).toEqual([]);
  });

  it('maps onto the domain grant with the id renamed, as plain JSON data', async () => {
    const { id, ...terms } = await validInstance(GrantMandateRequest, calais());
    const data: GrantMandate['data'] = { ...terms, mandateId: id ?? 'generated' };
    // Class fields exist on every instance, set or not: plainData drops the unset ones and the classes.
    expect(Object.keys(data.instrument)).toContain('cpv');
    expect(plainData(data)).toStrictEqual({ ...calais(), mandateId: 'generated' });
  });

  describe('refuses, naming the field', () => {
    it.each<[string, (body: Body) => void, string[]]>([
      ['an unknown top-level field', (b) => (b.foo = 1), ['foo']],
      ['an unknown nested field', (b) => ((b.period as Record<string, unknown>).foo = 'bar'), ['period.foo']],
      ['an unknown field in an array item', (b) => ((b.missions[0] as Record<string, unknown>).priority = 1), ['missions.0.priority']],
      ['a missing nested object', (b) => delete (b as Partial<Body>).period, ['period']],
      ['a null nested object', (b) => ((b as Record<string, unknown>).financing = null), ['financing']],
      ['a nested object that is a string', (b) => ((b as Record<string, unknown>).territory = '62'), ['territory']],
      ['a nested object that is an array', (b) => ((b as Record<string, unknown>).staffing = [{ salariedFte: 6 }]), ['staffing']],
      ['missing missions', (b) => delete (b as Partial<Body>).missions, ['missions']],
      ['no mission', (b) => (b.missions = []), ['missions']],
      ['a mission that is not an object', (b) => ((b as Record<string, unknown>).missions = ['MARAUDE_MINORS']), ['missions', 'missions.0']],
      ['a mission type outside the list', (b) => (b.missions[0].type = 'maraude'), ['missions.0.type']],
      ['a mission without indicators', (b) => (b.missions[0].indicators = []), ['missions.0.indicators']],
      ['a negative indicator target', (b) => (b.missions[0].indicators[0].target = -1), ['missions.0.indicators.0.target']],
      ['an authority kind outside the list', (b) => (b.authority.kind = 'prefet'), ['authority.kind']],
      ['a malformed authority SIRET', (b) => (b.authority.siret = '130 005 481 00002'), ['authority.siret']],
      ['a département outside the list', (b) => (b.territory.departement = '20'), ['territory.departement']],
      ['a postal code for a commune', (b) => (b.territory.communes = ['62100', 'Calais']), ['territory.communes']],
      ['a date that does not exist', (b) => (b.period.end = '2017-02-30'), ['period.end']],
      ['a date in another format', (b) => (b.period.start = '27/07/2017'), ['period.start']],
      ['an instant for a date', (b) => (b.instrument.decisionDate = '2017-07-27T00:00:00Z'), ['instrument.decisionDate']],
      ['a negative amount', (b) => (b.financing.amountCents = -1), ['financing.amountCents']],
      ['a fractional amount', (b) => (b.financing.amountCents = 120000.5), ['financing.amountCents']],
      ['an amount given as text', (b) => ((b.financing as Record<string, unknown>).amountCents = '12000000'), ['financing.amountCents']],
      ['an amount beyond bounds', (b) => (b.financing.amountCents = 1e13 + 1), ['financing.amountCents']],
      ['a budget programme outside the list', (b) => (b.financing.programme = '999'), ['financing.programme']],
      ['a malformed Chorus commitment', (b) => (b.financing.chorusCommitment = '21004'), ['financing.chorusCommitment']],
      ['a fractional instalment', (b) => ((b.financing as Record<string, unknown>).schedule = [{ dueDate: '2017-08-15', amountCents: 0.5 }]), ['financing.schedule.0.amountCents']],
      ['an empty schedule', (b) => ((b.financing as Record<string, unknown>).schedule = []), ['financing.schedule']],
      ['FTE with more than 2 decimals', (b) => (b.staffing.salariedFte = 6.125), ['staffing.salariedFte']],
      ['fractional volunteers', (b) => ((b.staffing as Record<string, unknown>).volunteers = 1.5), ['staffing.volunteers']],
      ['a too-long name', (b) => (b.authority.name = 'x'.repeat(201)), ['authority.name']],
      ['a too-long reference', (b) => (b.instrument.reference = 'x'.repeat(101)), ['instrument.reference']],
      ['an empty reference', (b) => (b.instrument.reference = ''), ['instrument.reference']],
      ['too many communes', (b) => (b.territory.communes = Array.from({ length: 501 }, () => '62193')), ['territory.communes']],
      ['too many legal references', (b) => (b.legalBasis = Array.from({ length: 51 }, () => ({ source: 'CASF', article: 'D.345-8' }))), ['legalBasis']],
      ['too many missions', (b) => (b.missions = Array.from({ length: 51 }, () => b.missions[0])), ['missions']],
      ['a legal reference with neither article nor reference', (b) => (b.legalBasis[0] = { source: 'CASF' } as never), ['legalBasis.0.article']],
      ['an empty article', (b) => (b.legalBasis[0] = { source: 'CASF', article: ' ' } as never), ['legalBasis.0.article']],
      ['a site without a name', (b) => ((b.territory as Record<string, unknown>).sites = [{ commune: '62193' }]), ['territory.sites.0.name']],
      ['an indicator kind outside count, stock and rate', (b) => (b.missions[0].indicators[0] = { ...b.missions[0].indicators[0], kind: 'mean' } as never), ['missions.0.indicators.0.kind']],
      ['a rate without its period', (b) => (b.missions[0].indicators[0] = { ...b.missions[0].indicators[0], kind: 'rate' } as never), ['missions.0.indicators.0.per']],
      ['a period on a count', (b) => (b.missions[0].indicators[0] = { ...b.missions[0].indicators[0], kind: 'count', per: 'week' } as never), ['missions.0.indicators.0.per']],
      ['a rate per year', (b) => (b.missions[0].indicators[0] = { ...b.missions[0].indicators[0], kind: 'rate', per: 'year' } as never), ['missions.0.indicators.0.per']],
      ['an empty label', (b) => (b.missions[0].indicators[0] = { ...b.missions[0].indicators[0], label: '' } as never), ['missions.0.indicators.0.label']],
      ['a public contract without its CPV', (b) => (b.instrument = { ...structuredClone(mealContract), cpv: undefined } as never), ['instrument.cpv']],
      ['a public contract without its procurement facts', (b) => (b.instrument = { ...structuredClone(mealContract), procurement: undefined } as never), ['instrument.procurement']],
      ['procurement facts on anything but a public contract', (b) => ((b.instrument as Record<string, unknown>).procurement = structuredClone(mealContract.procurement)), ['instrument.procurement']],
      ['a procedure outside the DECP vocabulary', (b) => (b.instrument = { ...structuredClone(mealContract), procurement: { ...mealContract.procurement, procedure: 'Gré à gré' } } as never), ['instrument.procurement.procedure']],
      ['a technique listed twice', (b) => (b.instrument = { ...structuredClone(mealContract), procurement: { ...mealContract.procurement, techniques: ['Sans objet', 'Sans objet'] } } as never), ['instrument.procurement.techniques']],
      ['a CPV on anything but a public contract', (b) => ((b.instrument as Record<string, unknown>).cpv = '55320000-9'), ['instrument.cpv']],
      ['a malformed CPV', (b) => (b.instrument = { ...structuredClone(mealContract), cpv: '55320000' } as never), ['instrument.cpv']],
      ['an id that is not a UUID', (b) => (b.id = 'mandate-1'), ['id']],
      ['a null id', (b) => (b.id = null), ['id']],
      ['an operator id that is not a UUID', (b) => (b.operatorId = '42'), ['operatorId']],
      ['a linked obligation without its case', (b) => (b.linkedObligations = [{ obligationId: 'art-2' }]), ['linkedObligations.0.complianceCaseId']],
      ['null where an optional field may only be left out', (b) => ((b.instrument as Record<string, unknown>).signatureDate = null), ['instrument.signatureDate']],
    ])('%s', async (_case, change, fields) => {
      expect(await fieldsOf(grant(change))).toEqual(fields);
    });
  });

  it('reports every failing field at once', async () => {
    const body = grant((b) => {
      b.extra = true;
      b.period.end = '2017-02-30';
      b.financing.amountCents = -5;
      b.missions[0].type = 'SOUP';
      b.instrument.kind = 'public_contract';
      b.territory.communes = ['6219'];
      delete (b as Partial<Body>).staffing;
    });
    expect(await fieldsOf(body)).toEqual([
      'extra',
      'financing.amountCents',
      'instrument.cpv',
      'instrument.procurement',
      'missions.0.type',
      'period.end',
      'staffing',
      'territory.communes',
    ]);
  });

  it('says why a CPV is refused: missing on a public contract, or given for another instrument', async () => {
    const missing = await validateBody(GrantMandateRequest, grant((b) => (b.instrument = { ...structuredClone(mealContract), cpv: undefined } as never)));
    const unwanted = await validateBody(GrantMandateRequest, grant((b) => ((b.instrument as Record<string, unknown>).cpv = '55320000-9')));
    expect(missing).toEqual([{ field: 'instrument.cpv', messages: ['cpv is required when kind is public_contract'] }]);
    expect(unwanted).toEqual([{ field: 'instrument.cpv', messages: ['cpv is accepted only when kind is public_contract'] }]);
  });

  it('says that a date does not exist rather than that it is malformed', async () => {
    expect(await validateBody(GrantMandateRequest, grant((b) => (b.period.end = '2017-02-30')))).toEqual([
      { field: 'period.end', messages: ['end must be a date that exists in the calendar'] },
    ]);
  });

  it('takes 29 February in a leap year', async () => {
    expect(await fieldsOf(grant((b) => (b.period.end = '2020-02-29')))).toEqual([]);
  });

  it('passes the API validation pipe as a GrantMandateRequest, and fails it with a 400 naming each field', async () => {
    const pipe = validationPipe();
    const metadata = { type: 'body', metatype: GrantMandateRequest } as const;
    expect(await pipe.transform(calais(), metadata)).toBeInstanceOf(GrantMandateRequest);
    const refusal = await pipe.transform(grant((b) => ((b.period as Record<string, unknown>).foo = 1)), metadata).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ProblemError);
    expect(refusal).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'period.foo', messages: ['property foo should not exist'] }] });
  });

  it('refuses a body that is not an object', async () => {
    expect(await validateBody(GrantMandateRequest, [calais()])).not.toEqual([]);
    expect(await validateBody(GrantMandateRequest, 'grant')).not.toEqual([]);
  });
});
