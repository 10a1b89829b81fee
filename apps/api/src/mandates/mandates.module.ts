import { Module } from '@nestjs/common';
import { GetMandateHandler } from './get-mandate/get-mandate.handler';
import { ListMandatesHandler } from './list-mandates/list-mandates.handler';
import { MandateHistoryHandler } from './mandate-history/mandate-history.handler';
import { MandatesController } from './mandates.controller';

/** Mandates over HTTP: their writes go to the command path; their queries are answered here. */
@Module({
  controllers: [MandatesController],
  providers: [GetMandateHandler, ListMandatesHandler, MandateHistoryHandler],
})
export class MandatesModule {}
