import type { RequestComplianceReview } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { RequestComplianceReviewRequest } from './request-compliance-review.request';

const review = (extra: Record<string, unknown> = {}) => ({
  reviewId: 'bilan-ce-2017',
  kind: 'bilan',
  decision: '412125',
  dueOn: '2017-08-31',
  subject: 'bilan des mesures prises pour l’exécution de l’ordonnance',
  obligationIds: ['maraude-minors'],
  ...extra,
});

describe('RequestComplianceReviewRequest', () => {
  it('accepts a bilan about an obligation, and a consultation about the whole case', async () => {
    expect(await validateBody(RequestComplianceReviewRequest, review())).toEqual([]);
    expect(await validateBody(RequestComplianceReviewRequest, review({ kind: 'consultation', obligationIds: undefined }))).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<RequestComplianceReview['data'], 'complianceCaseId'> = await validInstance(RequestComplianceReviewRequest, review());
    expect(plainData(data)).toStrictEqual(review());
  });

  it.each<[string, unknown, string[]]>([
    ['a kind outside consultation and bilan', review({ kind: 'audit' }), ['kind']],
    ['a due date not on the calendar', review({ dueOn: '31/08/2017' }), ['dueOn']],
    ['a blank subject', review({ subject: '' }), ['subject']],
    ['an obligation id with a space', review({ obligationIds: ['art 2'] }), ['obligationIds']],
    ['an unknown field', review({ parties: [] }), ['parties']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(RequestComplianceReviewRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect((await failingFields(RequestComplianceReviewRequest, {})).sort()).toEqual(['decision', 'dueOn', 'kind', 'reviewId', 'subject']);
  });
});
