import { expectOpenApiToDescribe, openApiSchemas } from '../../http/request-validation.testing';
import { AddComplianceObligationRequest } from '../add-compliance-obligation/add-compliance-obligation.request';
import { AttachComplianceEvidenceRequest } from '../attach-compliance-evidence/attach-compliance-evidence.request';
import { CloseComplianceCaseRequest } from '../close-compliance-case/close-compliance-case.request';
import { LinkComplianceMeasureRequest } from '../link-compliance-measure/link-compliance-measure.request';
import { LiquidatedDaysRequest, LiquidateCompliancePenaltyRequest } from '../liquidate-compliance-penalty/liquidate-compliance-penalty.request';
import { MarkComplianceObligationContestedRequest } from '../mark-compliance-obligation-contested/mark-compliance-obligation-contested.request';
import { MarkComplianceObligationSatisfiedRequest } from '../mark-compliance-obligation-satisfied/mark-compliance-obligation-satisfied.request';
import { OpenComplianceCaseRequest } from '../open-compliance-case/open-compliance-case.request';
import { RecordComplianceAppealRequest } from '../record-compliance-appeal/record-compliance-appeal.request';
import { RecordComplianceConsultationRequest } from '../record-compliance-consultation/record-compliance-consultation.request';
import { RecordComplianceNotificationRequest } from '../record-compliance-notification/record-compliance-notification.request';
import { RequestComplianceReviewRequest } from '../request-compliance-review/request-compliance-review.request';
import { AddresseeRequest } from './compliance-case-terms.request';

const bodies = [
  OpenComplianceCaseRequest,
  RecordComplianceAppealRequest,
  AddComplianceObligationRequest,
  AddresseeRequest,
  RecordComplianceNotificationRequest,
  LinkComplianceMeasureRequest,
  AttachComplianceEvidenceRequest,
  RecordComplianceConsultationRequest,
  MarkComplianceObligationSatisfiedRequest,
  MarkComplianceObligationContestedRequest,
  LiquidateCompliancePenaltyRequest,
  LiquidatedDaysRequest,
  RequestComplianceReviewRequest,
  CloseComplianceCaseRequest,
];

describe('the OpenAPI document of the compliance case request bodies', () => {
  it('documents every validated property, leaves optional ones optional and lists closed values', async () => {
    await expectOpenApiToDescribe(bodies);
  });

  it('describes the opening decision and the obligation as the decider takes them', async () => {
    const schemas = await openApiSchemas(bodies);
    expect(schemas.OpenComplianceCaseRequest.required).toEqual(expect.arrayContaining(['court', 'caseNumbers', 'decisionDate', 'procedure']));
    expect(schemas.OpenComplianceCaseRequest.required).not.toContain('id');
    expect(schemas.Procedure).toMatchObject({ type: 'string', enum: ['refere_liberte', 'refere_suspension', 'refere_mesures_utiles', 'merits', 'execution'] });
    expect(schemas.AddComplianceObligationRequest.required).toEqual([
      'obligationId', 'decision', 'article', 'text', 'addressees', 'missionType', 'territory', 'deadlineDays', 'penaltyPerDayCents',
    ]);
    expect(schemas.AddComplianceObligationRequest.properties?.penaltyPerDayCents).toMatchObject({ type: 'integer', minimum: 0, example: 10000 });
    expect(schemas.AttachComplianceEvidenceRequest.properties?.sha256).toMatchObject({ pattern: '^[0-9a-f]{64}$' });
    expect(schemas.PenaltyScope).toMatchObject({ type: 'string', enum: ['obligation', 'article', 'decision'] });
    expect(schemas.LiquidateCompliancePenaltyRequest.required).toEqual([
      'obligationId', 'decisionReference', 'liquidatedOn', 'period', 'amountCents', 'stateShareCents',
    ]);
    expect(schemas.RequestComplianceReviewRequest.required).toEqual(['reviewId', 'kind', 'decision', 'dueOn', 'subject']);
  });
});
