import type { LinkComplianceMeasure } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { LinkComplianceMeasureRequest } from './link-compliance-measure.request';

const measure = (extra: Record<string, unknown> = {}) => ({
  obligationId: 'maraude-minors',
  mandateId: '0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f',
  effectiveFrom: '2017-07-27',
  ...extra,
});

describe('LinkComplianceMeasureRequest', () => {
  it('accepts the outreach agreement as the measure of the outreach obligation', async () => {
    expect(await validateBody(LinkComplianceMeasureRequest, measure())).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data, the mandate id in lower case', async () => {
    const data: Omit<LinkComplianceMeasure['data'], 'complianceCaseId'> = await validInstance(
      LinkComplianceMeasureRequest,
      measure({ mandateId: '0190F1C2-7A3B-7C4D-9E5F-6A7B8C9D0E1F' }),
    );
    expect(plainData(data)).toStrictEqual(measure());
  });

  it.each<[string, unknown, string[]]>([
    ['a mandate id that is not a UUID', measure({ mandateId: 'mandate-1' }), ['mandateId']],
    ['an obligation id with a space', measure({ obligationId: 'art 2' }), ['obligationId']],
    ['an effective date that does not exist', measure({ effectiveFrom: '2017-02-29' }), ['effectiveFrom']],
    ['an unknown field', measure({ until: '2017-12-31' }), ['until']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(LinkComplianceMeasureRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(LinkComplianceMeasureRequest, {})).toEqual(['effectiveFrom', 'mandateId', 'obligationId']);
  });
});
