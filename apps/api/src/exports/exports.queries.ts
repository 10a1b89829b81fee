import { Query } from '@nestjs/cqrs';
import type { DecpDocument } from '@mandate-ledger/reports';
import type { Principal } from '../auth/principal';

/** The SCDL subventions CSV of one authority's decisions of a year, as the principal may read them. */
export class ScdlSubventionsExportQuery extends Query<string> {
  constructor(
    readonly authoritySiret: string,
    readonly year: number,
    readonly principal: Principal,
    readonly minPosition?: string,
  ) {
    super();
  }
}

/** The DECP document of the public contracts notified in a year, as the principal may read them. */
export class DecpExportQuery extends Query<DecpDocument> {
  constructor(
    readonly year: number,
    readonly today: string,
    readonly principal: Principal,
    readonly minPosition?: string,
  ) {
    super();
  }
}
