import { Controller, Get, Header, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { utcDateOf } from '@mandate-ledger/domain';
import type { DecpDocument } from '@mandate-ledger/reports';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { DecpExportQuery, ScdlSubventionsExportQuery } from './exports.queries';
import { DecpExportRequest, ScdlExportRequest } from './exports.request';

/** The open-data exports (DESIGN §3 Open data), over the mandates the principal may read. */
@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly queries: QueryBus) {}

  /** SCDL subventions 2.1.1: one row per beneficiary and financing decision of the authority dated in the year. */
  @Get('scdl-subventions.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  scdlSubventions(@Query() query: ScdlExportRequest, @CurrentPrincipal() principal: Principal): Promise<string> {
    return this.queries.execute(new ScdlSubventionsExportQuery(query.authority, query.year, principal, query.minPosition));
  }

  /** DECP 2.0.3: the public contracts notified in the year, their amendments and renewals as modifications. */
  @Get('decp.json')
  decp(@Query() query: DecpExportRequest, @CurrentPrincipal() principal: Principal): Promise<DecpDocument> {
    return this.queries.execute(new DecpExportQuery(query.year, utcDateOf(new Date().toISOString()), principal, query.minPosition));
  }
}
