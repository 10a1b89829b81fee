import { Inject, Injectable } from '@nestjs/common';
import {
  createMandateDecider,
  type GrantedMandate,
  type MandateCommand,
  type MandateState,
  mandateStreamName,
} from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import type { Principal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { WriteContext } from '../http/write-context';
import type { WriteResult } from '../http/write-result';
import { runDecision } from '../shared/run-decision';

/** Runs a mandate command through its decider on the mandate's stream; shared by every mandate handler. */
@Injectable()
export class MandateDecisions {
  private readonly decider;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.decider = createMandateDecider({ writtenAgreementThresholdCents: config.writtenAgreementThresholdCents });
  }

  async run(
    mandateId: string,
    command: MandateCommand,
    context: WriteContext,
    mayAct: (principal: Principal, mandate: GrantedMandate) => void,
  ): Promise<WriteResult> {
    // An unknown mandate is the decider's to refuse (404); access applies to granted ones.
    return runDecision(this.store, this.decider, { id: mandateId, stream: mandateStreamName(mandateId) }, command, context, (state: MandateState) => {
      if (state.status !== 'not_granted') mayAct(context.principal, state);
    });
  }
}
