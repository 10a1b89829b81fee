import { expectOpenApiToDescribe, openApiSchemas } from '../../http/request-validation.testing';
import { AmendMandateRequest, MandateChangesRequest } from '../amend-mandate/amend-mandate.request';
import { CompleteMandateMissionRequest } from '../complete-mandate-mission/complete-mandate-mission.request';
import { GrantMandateRequest } from '../grant-mandate/grant-mandate.request';
import { ReinstateMandateRequest } from '../reinstate-mandate/reinstate-mandate.request';
import { RenewMandateRequest } from '../renew-mandate/renew-mandate.request';
import { ReportMandateActivityRequest } from '../report-mandate-activity/report-mandate-activity.request';
import { SuspendMandateRequest } from '../suspend-mandate/suspend-mandate.request';
import { TerminateMandateRequest } from '../terminate-mandate/terminate-mandate.request';
import * as terms from './mandate-terms.request';

const bodies = [
  GrantMandateRequest,
  AmendMandateRequest,
  MandateChangesRequest,
  RenewMandateRequest,
  SuspendMandateRequest,
  ReinstateMandateRequest,
  TerminateMandateRequest,
  ReportMandateActivityRequest,
  CompleteMandateMissionRequest,
  terms.AuthorityRequest,
  terms.InstrumentRequest,
  terms.LegalReferenceRequest,
  terms.IndicatorRequest,
  terms.MissionRequest,
  terms.SiteRequest,
  terms.TerritoryRequest,
  terms.PeriodRequest,
  terms.InstalmentRequest,
  terms.FinancingRequest,
  terms.StaffingRequest,
  terms.LinkedObligationRequest,
  terms.IndicatorValueRequest,
];

describe('the OpenAPI document of the mandate request bodies', () => {
  it('documents every validated property, leaves optional ones optional and lists closed values', async () => {
    await expectOpenApiToDescribe(bodies);
  });

  it('describes the grant as DESIGN §4 does', async () => {
    const schemas = await openApiSchemas(bodies);
    expect(schemas.GrantMandateRequest.required).toEqual(['operatorId', 'authority', 'instrument', 'legalBasis', 'missions', 'territory', 'period', 'financing', 'staffing']);
    expect(schemas.MissionType).toMatchObject({ type: 'string', enum: expect.arrayContaining(['MARAUDE_MINORS', 'SHOWERS']) });
    expect(schemas.InstrumentRequest.properties?.cpv).toMatchObject({ pattern: '^\\d{8}-\\d$', example: '55320000-9' });
    expect(schemas.FinancingRequest.properties?.amountCents).toMatchObject({ type: 'integer', minimum: 0, example: 12000000 });
    expect(schemas.TerritoryRequest.properties?.communes).toMatchObject({ type: 'array', maxItems: 500, example: ['62193'] });
  });
});
