import {
  complianceCaseDecider,
  type ComplianceCaseState,
  complianceCaseStreamName,
  type ComplianceReportCommand,
  complianceReportDecider,
  type ComplianceReportState,
  complianceReportStreamName,
} from '@mandate-ledger/domain';
import { foldStream } from '@mandate-ledger/event-store';
import { assertMayReadReport, assertMayRequestReports } from './report-access';
import type { Aggregate, UseCases } from './use-case';

export const complianceReportAggregate: Aggregate<ComplianceReportState, ComplianceReportState> = {
  decider: complianceReportDecider,
  target: (command) => {
    const { reportId } = command.data as { reportId: string };
    return { id: reportId, stream: complianceReportStreamName(reportId) };
  },
  // A report's stream is new when it is issued: access follows its case, which the use case reads.
  exists: (_state): _state is ComplianceReportState => true,
};

export const COMPLIANCE_REPORT_USE_CASES: UseCases<ComplianceReportCommand['type'], ComplianceReportState> = {
  // Whoever may read the report may issue it, auditors included; a case never opened is the decider's to refuse (404).
  IssueComplianceReport: {
    allow: (actor) => assertMayRequestReports(actor),
    read: async ({ data }, store): Promise<ComplianceCaseState> =>
      foldStream(complianceCaseDecider, await store.readStream(complianceCaseStreamName(data.complianceCaseId))),
    given: (complianceCase: ComplianceCaseState) => ({ complianceCase: { status: complianceCase.status } }),
    authorize: (actor, _report, _command, complianceCase: ComplianceCaseState) => {
      if (complianceCase.status !== 'not_opened') assertMayReadReport(actor, complianceCase);
    },
  },
};
