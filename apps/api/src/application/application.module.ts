import { Global, Module } from '@nestjs/common';
import { CommandRunner } from '@mandate-ledger/application';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { operatorMandatesFromBoard, READ_STORE, type ReadStore } from '@mandate-ledger/projections';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { COMMAND_RUNNER, RunCommandHandler } from './run-command';

/** The application's command path on the configured store, behind the command bus. */
@Global()
@Module({
  providers: [
    {
      provide: COMMAND_RUNNER,
      inject: [EVENT_STORE, APP_CONFIG, READ_STORE],
      useFactory: (store: EventStore, config: AppConfig, readStore: ReadStore) =>
        new CommandRunner(store, {
          writtenAgreementThresholdCents: config.writtenAgreementThresholdCents,
          financialReportDueMonths: config.financialReportDueMonths,
          operatorMandates: operatorMandatesFromBoard(readStore),
        }),
    },
    RunCommandHandler,
  ],
  exports: [COMMAND_RUNNER],
})
export class ApplicationModule {}
