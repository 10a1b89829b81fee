import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { mandateDecider, mandateStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore, foldStream } from '@mandate-ledger/event-store';
import { assertMayReadMandate } from '../../access/access-policy';
import { ProblemError } from '../../http/problem';
import { type HistoryEntry, historyEntryOf } from '../../shared/history';
import { MandateHistoryQuery } from './mandate-history.query';

@QueryHandler(MandateHistoryQuery)
export class MandateHistoryHandler implements IQueryHandler<MandateHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ mandateId, principal }: MandateHistoryQuery): Promise<HistoryEntry[]> {
    const events = await this.store.readStream(mandateStreamName(mandateId));
    const mandate = foldStream(mandateDecider, events);
    if (mandate.status === 'not_granted') throw new ProblemError(404, 'MANDATE_NOT_FOUND', `No mandate ${mandateId}`);
    assertMayReadMandate(principal, mandate);
    return events.map(historyEntryOf);
  }
}
