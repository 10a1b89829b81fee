import { type AuditConfig, auditConfigFrom } from '@mandate-ledger/audit';
import { eventStoreConfigFrom, type EventStoreConfig } from '@mandate-ledger/event-store';
import { type ReadStoreConfig, readStoreConfigFrom } from '@mandate-ledger/projections';
import { ConfigurationError } from '@mandate-ledger/storage';

/** What the application reads from its environment, the server and the CLI alike (DESIGN §2). */
export interface ApplicationConfig {
  /** `NODE_ENV=production`: secrets and keys must be given, never generated. */
  readonly production: boolean;
  readonly eventStore: EventStoreConfig;
  readonly readStore: ReadStoreConfig;
  /** The verifiable history: signing key, deployment name, sealing and checkpoint timers. */
  readonly audit: AuditConfig;
  /** `WRITTEN_AGREEMENT_THRESHOLD_CENTS`: a grant above this yearly amount needs a written agreement (loi 2000-321 art. 10). */
  readonly writtenAgreementThresholdCents: number;
  /** `FINANCIAL_REPORT_DUE_MONTHS`: months after a financial year's end within which its financial report is due (six). */
  readonly financialReportDueMonths: number;
}

/** Runs `read`, adding its {@link ConfigurationError}'s problems to the others, so that one start lists every problem. */
export const collectProblems = <T>(problems: string[], read: () => T): T | undefined => {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
};

/**
 * The application's configuration read part by part: each part `undefined` when invalid, its problems
 * added to `problems`, so that a caller reading more (the server) lists every problem at once.
 */
export const readApplicationConfig = (
  env: NodeJS.ProcessEnv,
  problems: string[],
): Partial<Pick<ApplicationConfig, 'eventStore' | 'readStore' | 'audit'>> & Pick<ApplicationConfig, 'production' | 'writtenAgreementThresholdCents' | 'financialReportDueMonths'> => {
  const threshold = Number(env.WRITTEN_AGREEMENT_THRESHOLD_CENTS ?? 2_300_000);
  if (!Number.isSafeInteger(threshold) || threshold < 0) {
    problems.push(`WRITTEN_AGREEMENT_THRESHOLD_CENTS must be a whole number of cents, got "${env.WRITTEN_AGREEMENT_THRESHOLD_CENTS}"`);
  }
  const dueMonths = Number(env.FINANCIAL_REPORT_DUE_MONTHS ?? 6);
  if (!Number.isSafeInteger(dueMonths) || dueMonths < 0 || dueMonths > 60) {
    problems.push(`FINANCIAL_REPORT_DUE_MONTHS must be a whole number of months from 0 to 60, got "${env.FINANCIAL_REPORT_DUE_MONTHS}"`);
  }
  const production = env.NODE_ENV === 'production';
  const eventStore = collectProblems(problems, () => eventStoreConfigFrom(env));
  const readStore = eventStore && collectProblems(problems, () => readStoreConfigFrom(env, eventStore));
  const audit = eventStore && collectProblems(problems, () => auditConfigFrom(env, eventStore.dataDir, production));
  return { production, eventStore, readStore, audit, writtenAgreementThresholdCents: threshold, financialReportDueMonths: dueMonths };
};

/** Reads the application's configuration, listing every problem at once. */
export const applicationConfigFrom = (env: NodeJS.ProcessEnv): ApplicationConfig => {
  const problems: string[] = [];
  const { eventStore, readStore, audit, ...rest } = readApplicationConfig(env, problems);
  if (problems.length > 0 || !eventStore || !readStore || !audit) throw new ConfigurationError(problems);
  return { ...rest, eventStore, readStore, audit };
};
