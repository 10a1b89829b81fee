import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { mandateDecider, mandateStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore, foldStream } from '@mandate-ledger/event-store';
import { assertMayReadMandate } from '@mandate-ledger/application';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ProblemError } from '../../http/problem';
import { readStreamAsKnown } from '../../shared/read-stream-as-known';
import { GetMandateQuery } from './get-mandate.query';
import { type MandateView, mandateViewOf } from './mandate.view';

/** Replays the mandate's stream (read models come later): every answer is derived from the log. */
@QueryHandler(GetMandateQuery)
export class GetMandateHandler implements IQueryHandler<GetMandateQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ mandateId, principal, on, asKnownAt }: GetMandateQuery): Promise<MandateView> {
    const events = await readStreamAsKnown(this.store, mandateStreamName(mandateId), asKnownAt);
    const mandate = foldStream(mandateDecider, events);
    if (mandate.status === 'not_granted') {
      const when = asKnownAt ? ` as known at ${asKnownAt}` : '';
      throw new ProblemError(404, 'MANDATE_NOT_FOUND', `No mandate ${mandateId}${when}`);
    }
    assertMayReadMandate(principal, mandate);
    const last = events[events.length - 1];
    return mandateViewOf(mandateId, mandate, { revision: last.revision, lastRecordedAt: last.recordedAt, on, asKnownAt }, this.config);
  }
}
