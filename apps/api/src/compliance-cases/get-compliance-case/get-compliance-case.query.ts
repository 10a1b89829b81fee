import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { ComplianceCaseView } from './compliance-case.view';

export class GetComplianceCaseQuery extends Query<ComplianceCaseView> {
  constructor(
    readonly complianceCaseId: string,
    readonly principal: Principal,
    readonly asKnownAt?: string,
  ) {
    super();
  }
}
