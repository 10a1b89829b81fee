import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AuditConfig } from '@mandate-ledger/audit';
import { AuditController } from './audit.controller';
import { AuditRuntime } from './audit-runtime';

/** Injection token of the {@link AuditConfig}. */
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');

/**
 * The verifiable history (DESIGN §5): seals the log as it grows, signs checkpoints, serves proofs.
 * Its settings are the app's, validated at boot with the rest (see audit-config.ts).
 */
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AUDIT_CONFIG,
      inject: [APP_CONFIG],
      useFactory: (app: AppConfig): AuditConfig => app.audit,
    },
    {
      provide: AuditRuntime,
      inject: [APP_CONFIG, AUDIT_CONFIG],
      useFactory: (app: AppConfig, audit: AuditConfig) => AuditRuntime.open(app.eventStore, audit),
    },
  ],
  exports: [AuditRuntime],
})
export class AuditModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: AuditRuntime,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.keyGenerated) {
      Logger.log(`Generated the audit signing key of ${this.config.origin} in the data folder; its public key is at GET /audit/public-key`, 'Audit');
    }
    this.runtime.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}
