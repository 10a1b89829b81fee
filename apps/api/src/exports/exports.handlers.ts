import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { mandateReadScope } from '@mandate-ledger/application';
import type { GrantedMandate } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { boardMandatesWithin, mandatesBoardProjection } from '@mandate-ledger/projections';
import { type DecpDocument, decpDocument, readOpenDataSources, renderScdlSubventionsCsv, scdlSubventionRows } from '@mandate-ledger/reports';
import type { Principal } from '../auth/principal';
import { ReadModels } from '../read-models/read-models.service';
import { DecpExportQuery, ScdlSubventionsExportQuery } from './exports.queries';

const BOARD = mandatesBoardProjection.name;

/**
 * The mandates the principal may read that `keep` selects, found on the board, then read from the
 * log (their events and their operators): the exports hold what the record says, not a copy.
 */
const sourcesFor = async (readModels: ReadModels, store: EventStore, principal: Principal, minPosition: string | undefined, keep: (mandate: GrantedMandate) => boolean) => {
  await readModels.reached([BOARD], minPosition);
  const mandates = readModels.answer(BOARD, await boardMandatesWithin(readModels.store, mandateReadScope(principal)));
  return readOpenDataSources(store, mandates.filter(({ mandate }) => keep(mandate)).map(({ id }) => id));
};

@QueryHandler(ScdlSubventionsExportQuery)
export class ScdlSubventionsExportHandler implements IQueryHandler<ScdlSubventionsExportQuery> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ authoritySiret, year, principal, minPosition }: ScdlSubventionsExportQuery): Promise<string> {
    const sources = await sourcesFor(this.readModels, this.store, principal, minPosition, (mandate) => mandate.authority.siret === authoritySiret);
    return renderScdlSubventionsCsv(scdlSubventionRows(sources, authoritySiret, year));
  }
}

@QueryHandler(DecpExportQuery)
export class DecpExportHandler implements IQueryHandler<DecpExportQuery> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ year, today, principal, minPosition }: DecpExportQuery): Promise<DecpDocument> {
    const sources = await sourcesFor(this.readModels, this.store, principal, minPosition, (mandate) => mandate.instrument.kind === 'public_contract');
    return decpDocument(sources, year, today);
  }
}
