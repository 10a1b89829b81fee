import type { AddComplianceObligation } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { AddComplianceObligationRequest } from './add-compliance-obligation.request';

// The water points of the Lille order: préfet and commune, 10 days from notification, €100 a day.
const water = () => ({
  obligationId: 'water-points',
  decision: '1705379',
  article: 'art. 3',
  text: 'créer plusieurs points d’eau permettant de boire, de se laver et de laver leurs vêtements',
  addressees: [{ kind: 'prefet', name: 'Préfet du Pas-de-Calais' }, { kind: 'commune', name: 'Commune de Calais' }],
  missionType: 'WATER_ACCESS',
  territory: { departement: '62', communes: ['62193'] },
  deadlineDays: 10,
  penaltyPerDayCents: 10_000,
});

type Body = ReturnType<typeof water> & Record<string, unknown>;
const obligation = (change: (body: Body) => void) => {
  const body = water() as Body;
  change(body);
  return body;
};
const fieldsOf = (body: unknown) => failingFields(AddComplianceObligationRequest, body);

describe('AddComplianceObligationRequest', () => {
  it('accepts the water points of the Lille order', async () => {
    expect(await validateBody(AddComplianceObligationRequest, water())).toEqual([]);
  });

  it('accepts every optional part: a nameless addressee, sites, a whole département, no penalty, supersessions', async () => {
    const body = obligation((b) => {
      b.addressees = [{ kind: 'prefet' }, { kind: 'other', name: 'OFII' }] as never;
      b.territory = { departement: '62', communes: [], sites: [{ name: 'Rue des Verrotières' }] } as never;
      b.deadlineDays = 0;
      b.penaltyPerDayCents = 0;
      b.supersedes = ['art-2', 'art-3.1'];
    });
    expect(await validateBody(AddComplianceObligationRequest, body)).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<AddComplianceObligation['data'], 'complianceCaseId'> = await validInstance(AddComplianceObligationRequest, water());
    expect(plainData(data)).toStrictEqual(water());
  });

  describe('refuses, naming the field', () => {
    it.each<[string, (body: Body) => void, string[]]>([
      ['an obligation id with a slash, which would break its path', (b) => (b.obligationId = 'art/3'), ['obligationId']],
      ['an obligation id of more than 100 characters', (b) => (b.obligationId = 'a'.repeat(101)), ['obligationId']],
      ['an empty decision', (b) => (b.decision = ''), ['decision']],
      ['an article of more than 100 characters', (b) => (b.article = 'x'.repeat(101)), ['article']],
      ['a text of more than 4000 characters', (b) => (b.text = 'x'.repeat(4001)), ['text']],
      ['no addressee', (b) => (b.addressees = []), ['addressees']],
      ['an addressee kind outside the list', (b) => (b.addressees[0].kind = 'ministre'), ['addressees.0.kind']],
      ['another addressee without its name', (b) => (b.addressees = [{ kind: 'other' }] as never), ['addressees.0.name']],
      ['an empty addressee name', (b) => (b.addressees[0].name = ''), ['addressees.0.name']],
      ['an addressee that is not an object', (b) => ((b as Record<string, unknown>).addressees = ['prefet']), ['addressees', 'addressees.0']],
      ['an unknown field in an addressee', (b) => ((b.addressees[0] as Record<string, unknown>).role = 'x'), ['addressees.0.role']],
      ['more than 20 addressees', (b) => (b.addressees = Array.from({ length: 21 }, () => ({ kind: 'prefet', name: 'P' }))), ['addressees']],
      ['a mission type outside the list', (b) => (b.missionType = 'WATER'), ['missionType']],
      ['a missing territory', (b) => delete (b as Partial<Body>).territory, ['territory']],
      ['a commune name for its code', (b) => (b.territory.communes = ['Calais']), ['territory.communes']],
      ['a département outside the list', (b) => (b.territory.departement = '20'), ['territory.departement']],
      ['a negative deadline', (b) => (b.deadlineDays = -1), ['deadlineDays']],
      ['a fractional deadline', (b) => (b.deadlineDays = 2.5), ['deadlineDays']],
      ['a deadline beyond ten years', (b) => (b.deadlineDays = 3651), ['deadlineDays']],
      ['a deadline given as text', (b) => ((b as Record<string, unknown>).deadlineDays = '10'), ['deadlineDays']],
      ['a fractional penalty', (b) => (b.penaltyPerDayCents = 99.5), ['penaltyPerDayCents']],
      ['a negative penalty', (b) => (b.penaltyPerDayCents = -100), ['penaltyPerDayCents']],
      ['a null supersedes', (b) => (b.supersedes = null), ['supersedes']],
      ['an unknown field', (b) => (b.foo = 1), ['foo']],
    ])('%s', async (_case, change, fields) => {
      expect(await fieldsOf(obligation(change))).toEqual(fields);
    });
  });

  it('says why an addressee name is refused: missing for another addressee, or not a text', async () => {
    expect(await validateBody(AddComplianceObligationRequest, obligation((b) => (b.addressees = [{ kind: 'other' }] as never)))).toEqual([
      { field: 'addressees.0.name', messages: ['name is required when kind is other'] },
    ]);
    expect(await validateBody(AddComplianceObligationRequest, obligation((b) => ((b.addressees[0] as Record<string, unknown>).name = 3)))).toEqual([
      { field: 'addressees.0.name', messages: ['name must be a non-empty text of at most 200 characters'] },
    ]);
  });

  it('reports every failing field at once', async () => {
    expect(await fieldsOf({ deadlineDays: -1 })).toEqual([
      'addressees',
      'article',
      'deadlineDays',
      'decision',
      'missionType',
      'obligationId',
      'penaltyPerDayCents',
      'territory',
      'text',
    ]);
  });
});
