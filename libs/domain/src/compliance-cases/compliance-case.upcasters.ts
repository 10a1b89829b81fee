import { upcasterOf } from '../shared/upcasting';
import { ComplianceCaseOpened, ObligationTerms } from './compliance-case.events';

// Schema version 1 of an obligation knew neither one-off obligations nor shared penalties: every
// obligation was continuing in the report's eyes only once implemented, and each had its own penalty.
// Version 2 states both; the defaults are those of every obligation recorded before.

// Version 1 of an opening named no parties: version 2 lists them, none for a case opened before.

type ObligationTermsV1 = Omit<ObligationTerms, 'oneOff' | 'penaltyScope' | 'penaltyStartsOn'> & { readonly complianceCaseId: string };

export const COMPLIANCE_CASE_UPCASTERS = [
  upcasterOf('ComplianceCaseOpened', 1, (data: Omit<ComplianceCaseOpened['data'], 'parties'>) => ({ ...data, parties: { applicants: [], defendants: [] } })),
  upcasterOf('ComplianceObligationAdded', 1, (data: ObligationTermsV1) => ({ ...data, oneOff: false, penaltyScope: 'obligation' as const })),
] as const;
