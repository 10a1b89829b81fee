import { Inject, Injectable } from '@nestjs/common';
import {
  complianceCaseDecider,
  type ComplianceCaseCommand,
  type ComplianceCaseState,
  complianceCaseStreamName,
  type OpenedComplianceCase,
} from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { assertMayRecordCases, assertMayRecordOnCase, type CaseReader } from '../access/access-policy';
import type { WriteContext } from '../http/write-context';
import type { WriteResult } from '../http/write-result';
import { runDecision } from '../shared/run-decision';

/** Runs a compliance case command through its decider on the case's stream; shared by every case handler. */
@Injectable()
export class ComplianceCaseDecisions {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * `alsoConcerned`: départements the write brings into the case (a new obligation's, a linked
   * mandate's); `alsoCheck`: a rule of the write's own, against the case as recorded.
   */
  run(
    complianceCaseId: string,
    command: ComplianceCaseCommand,
    context: WriteContext,
    alsoConcerned: readonly string[] = [],
    alsoCheck: (complianceCase: OpenedComplianceCase) => void = () => undefined,
  ): Promise<WriteResult> {
    // The role first, so that an auditor learns nothing of which cases exist.
    assertMayRecordCases(context.principal);
    const target = { id: complianceCaseId, stream: complianceCaseStreamName(complianceCaseId) };
    // A case never opened is the decider's to refuse (404), or to open.
    return runDecision(this.store, complianceCaseDecider, target, command, context, (state: ComplianceCaseState) => {
      if (state.status === 'not_opened') return;
      assertMayRecordOnCase(context.principal, state, alsoConcerned);
      alsoCheck(state);
    });
  }

  /** Who opened the case, as its first event's metadata records them; the opening never changes, so it is read apart. */
  async openerOf(complianceCaseId: string): Promise<CaseReader | undefined> {
    const [opening] = await this.store.readStream(complianceCaseStreamName(complianceCaseId), { maxCount: 1 });
    if (!opening) return undefined;
    const { actor, actorDepartements } = opening.metadata;
    const departements = Array.isArray(actorDepartements) ? actorDepartements.filter((d): d is string => typeof d === 'string') : undefined;
    return { role: actor.role, departements };
  }
}
