import type { AmendMandate } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { AmendMandateRequest } from './amend-mandate.request';

const amendment = (changes: Record<string, unknown> = { staffing: { salariedFte: 8 } }, extra: Record<string, unknown> = {}) => ({
  effectiveFrom: '2017-09-01',
  decisionReference: 'AVENANT-2017-62-014-1',
  changes,
  ...extra,
});
const fieldsOf = (body: unknown) => failingFields(AmendMandateRequest, body);

describe('AmendMandateRequest', () => {
  it('accepts an amendment of the staffing', async () => {
    expect(await validateBody(AmendMandateRequest, amendment())).toEqual([]);
  });

  it('accepts every section at once', async () => {
    const changes = {
      missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers_per_week', unit: 'showers', target: 700 }] }],
      territory: { departement: '62', communes: ['62193', '62160'] },
      financing: { amountCents: 15000000, nature: 'cash', paymentTerms: 'single', programme: '177' },
      staffing: { salariedFte: 8, volunteers: 20 },
      periodEnd: '2018-03-31',
    };
    expect(await validateBody(AmendMandateRequest, amendment(changes))).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<AmendMandate['data'], 'mandateId'> = await validInstance(AmendMandateRequest, amendment());
    expect(plainData(data)).toStrictEqual(amendment());
  });

  it.each<[string, unknown, string[]]>([
    ['no section', amendment({}), ['changes']],
    ['only unknown sections', amendment({ operatorId: 'x' }), ['changes', 'changes.operatorId']],
    ['an unknown section beside a known one', amendment({ staffing: { salariedFte: 8 }, authority: {} }), ['changes.authority']],
    ['missing changes', { effectiveFrom: '2017-09-01', decisionReference: 'A-1' }, ['changes']],
    ['changes that are a list', amendment([{ staffing: { salariedFte: 8 } }] as never), ['changes']],
    ['a null section', amendment({ missions: null }), ['changes.missions']],
    ['an empty mission list', amendment({ missions: [] }), ['changes.missions']],
    ['a wrong mission type', amendment({ missions: [{ type: 'SOUP', indicators: [{ name: 'n', unit: 'u', target: 1 }] }] }), ['changes.missions.0.type']],
    ['a fractional amount', amendment({ financing: { amountCents: 1.5, nature: 'cash', paymentTerms: 'single', programme: '177' } }), ['changes.financing.amountCents']],
    ['a period end that does not exist', amendment({ periodEnd: '2018-02-29' }), ['changes.periodEnd']],
    ['an unknown field in a section', amendment({ staffing: { salariedFte: 8, interns: 2 } }), ['changes.staffing.interns']],
    ['a bad effective date', amendment(undefined, { effectiveFrom: '2017-9-1' }), ['effectiveFrom']],
    ['a too-long decision reference', amendment(undefined, { decisionReference: 'x'.repeat(101) }), ['decisionReference']],
    ['an unknown top-level field', amendment(undefined, { mandateId: 'x' }), ['mandateId']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await fieldsOf(body)).toEqual(fields);
  });

  it('says which sections an amendment may carry', async () => {
    expect(await validateBody(AmendMandateRequest, amendment({}))).toEqual([
      { field: 'changes', messages: ['changes must contain at least one of missions, territory, financing, staffing, periodEnd'] },
    ]);
  });

  it('reports every failing field at once', async () => {
    const body = amendment({ periodEnd: '2018-13-01', staffing: { salariedFte: -1 } }, { effectiveFrom: null, decisionReference: '' });
    expect(await fieldsOf(body)).toEqual(['changes.periodEnd', 'changes.staffing.salariedFte', 'decisionReference', 'effectiveFrom']);
  });
});
