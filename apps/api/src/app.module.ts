import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApplicationModule } from './application/application.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ComplianceCasesModule } from './compliance-cases/compliance-cases.module';
import { ComplianceReportModule } from './compliance-cases/report/compliance-report.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { EventStoreModule } from './event-store/event-store.module';
import { ExportsModule } from './exports/exports.module';
import { FinanceModule } from './finance/finance.module';
import { HealthController } from './health/health.controller';
import { RateLimitModule } from './http/rate-limit.module';
import { MandatesModule } from './mandates/mandates.module';
import { OperationsModule } from './operations/operations.module';
import { OperatorsModule } from './operators/operators.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { SignInModule } from './sign-in/sign-in.module';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        OperationsModule.forRoot(config.operations),
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(config.eventStore),
        ApplicationModule,
        RateLimitModule.forRoot(config.http.rateLimitPerMinute, config.auth),
        AuthModule.forRoot(config.auth),
        SignInModule.forRoot(config),
        OperatorsModule,
        MandatesModule,
        FinanceModule,
        ExportsModule,
        ComplianceCasesModule,
        AuditModule,
        ComplianceReportModule,
        ReadModelsModule.forRoot(config.readModels, config.eventStore),
      ],
      controllers: [HealthController],
    };
  }
}
