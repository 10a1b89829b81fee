import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller';
import { DecpExportHandler, ScdlSubventionsExportHandler } from './exports.handlers';

@Module({
  controllers: [ExportsController],
  providers: [ScdlSubventionsExportHandler, DecpExportHandler],
})
export class ExportsModule {}
