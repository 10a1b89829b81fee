import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Command, CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { isCalendarDate } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { AppModule } from '../../api/src/app.module';
import type { Principal } from '../../api/src/auth/principal';
import { AddComplianceObligationCommand } from '../../api/src/compliance-cases/add-compliance-obligation/add-compliance-obligation.command';
import { AttachComplianceEvidenceCommand } from '../../api/src/compliance-cases/attach-compliance-evidence/attach-compliance-evidence.command';
import { LinkComplianceMeasureCommand } from '../../api/src/compliance-cases/link-compliance-measure/link-compliance-measure.command';
import { OpenComplianceCaseCommand } from '../../api/src/compliance-cases/open-compliance-case/open-compliance-case.command';
import { RecordComplianceAppealCommand } from '../../api/src/compliance-cases/record-compliance-appeal/record-compliance-appeal.command';
import { RecordComplianceNotificationCommand } from '../../api/src/compliance-cases/record-compliance-notification/record-compliance-notification.command';
import { type AppConfig, appConfigFrom } from '../../api/src/config/app-config';
import { idempotencyFingerprintOf } from '../../api/src/http/idempotency-fingerprint';
import type { WriteContext } from '../../api/src/http/write-context';
import type { WriteResult } from '../../api/src/http/write-result';
import { CompleteMandateMissionCommand } from '../../api/src/mandates/complete-mandate-mission/complete-mandate-mission.command';
import { GrantMandateCommand } from '../../api/src/mandates/grant-mandate/grant-mandate.command';
import { ReinstateMandateCommand } from '../../api/src/mandates/reinstate-mandate/reinstate-mandate.command';
import { RenewMandateCommand } from '../../api/src/mandates/renew-mandate/renew-mandate.command';
import { ReportMandateActivityCommand } from '../../api/src/mandates/report-mandate-activity/report-mandate-activity.command';
import { SuspendMandateCommand } from '../../api/src/mandates/suspend-mandate/suspend-mandate.command';
import { RegisterOperatorCommand } from '../../api/src/operators/register-operator/register-operator.command';
import { CALAIS_2017, calais2017Steps, DEMO_DEFAULTS, type DemoOptions, type DemoStep } from './demo/calais-2017.data';
import { parseOptions } from './options';

/** The system principal the demo's decisions are recorded under. */
export const DEMO_LOADER: Principal = { sub: 'demo-loader', role: 'admin' };

export interface StepOutcome {
  readonly step: DemoStep;
  readonly result: WriteResult;
}

/** A decision of the data set that the domain (or the store) refused; nothing after it was tried. */
export class DemoStepRefused extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? `${cause.code} — ` : '';
    super(`${step} refused: ${code}${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DemoStepRefused';
  }
}

const commandOf = (step: DemoStep, context: WriteContext): Command<WriteResult> => {
  switch (step.decision) {
    case 'register':
      return new RegisterOperatorCommand(step.operatorId, step.data, context);
    case 'grant':
      return new GrantMandateCommand(step.mandateId, step.data, context);
    case 'renew':
      return new RenewMandateCommand(step.mandateId, step.data, context);
    case 'suspend':
      return new SuspendMandateCommand(step.mandateId, step.data, context);
    case 'reinstate':
      return new ReinstateMandateCommand(step.mandateId, step.data, context);
    case 'report':
      return new ReportMandateActivityCommand(step.mandateId, step.data, context);
    case 'complete':
      return new CompleteMandateMissionCommand(step.mandateId, step.data, context);
    case 'open-case':
      return new OpenComplianceCaseCommand(step.complianceCaseId, step.data, context);
    case 'appeal':
      return new RecordComplianceAppealCommand(step.complianceCaseId, step.data, context);
    case 'add-obligation':
      return new AddComplianceObligationCommand(step.complianceCaseId, step.data, context);
    case 'notify':
      return new RecordComplianceNotificationCommand(step.complianceCaseId, step.data, context);
    case 'link-measure':
      return new LinkComplianceMeasureCommand(step.complianceCaseId, step.data, context);
    case 'attach-evidence':
      return new AttachComplianceEvidenceCommand(step.complianceCaseId, step.data, context);
  }
};

/**
 * Records the Calais data set through the app's command bus — the handlers, access rules and
 * deciders of the HTTP API. Each decision carries its own idempotency key, so a second load
 * appends nothing. Throws {@link DemoStepRefused} at the first refusal.
 */
export const loadDemo = async (
  app: INestApplicationContext,
  onStep: (outcome: StepOutcome) => void = () => undefined,
  options: DemoOptions = DEMO_DEFAULTS,
): Promise<StepOutcome[]> => {
  const commandBus = app.get(CommandBus);
  // One correlation id ties together the decisions of one run.
  const correlationId = `${CALAIS_2017}-${randomUUID()}`;
  const outcomes: StepOutcome[] = [];
  for (const step of calais2017Steps(options)) {
    const context: WriteContext = {
      principal: DEMO_LOADER,
      now: new Date().toISOString(),
      correlationId,
      // No HTTP request here: each command gets its own id, as each request would.
      requestId: randomUUID(),
      // The step stands for a request's body: a data set changed under an unchanged step name is refused, not skipped.
      idempotency: {
        key: `${DEMO_LOADER.sub}:${CALAIS_2017}:${step.name}`,
        fingerprint: idempotencyFingerprintOf({ method: 'CLI', path: `demo ${CALAIS_2017}`, principal: DEMO_LOADER, body: step }),
      },
    };
    let result: WriteResult;
    try {
      result = await commandBus.execute(commandOf(step, context));
    } catch (error) {
      throw new DemoStepRefused(step.name, error);
    }
    outcomes.push({ step, result });
    onStep({ step, result });
  }
  return outcomes;
};

const VERBS: Record<DemoStep['decision'], string> = {
  register: 'registered',
  grant: 'granted',
  renew: 'renewed',
  suspend: 'suspended',
  reinstate: 'reinstated',
  report: 'reported activity',
  complete: 'completed',
  'open-case': 'opened case',
  appeal: 'recorded appeal',
  'add-obligation': 'added obligation',
  notify: 'notified',
  'link-measure': 'linked measure',
  'attach-evidence': 'attached evidence',
};

const subjectOf = (step: DemoStep): string =>
  step.decision === 'register' ? 'operator' : 'mandateId' in step ? 'mandate' : 'compliance case';

const lineOf = ({ step, result }: StepOutcome, nameWidth: number): string => {
  const subject = `${subjectOf(step)} ${result.id}, revision ${result.revision}, position ${result.position}`;
  const mark = result.appended ? `✓ ${VERBS[step.decision]}` : '= already recorded';
  return `${mark.padEnd(19)} ${step.name.padEnd(nameWidth)} (${subject})`;
};

const USAGE = `usage: npm run cli -- demo [--notified-on DATE] [--follow-up-notified-on DATE]
  --notified-on            notification of the order of 26 June 2017 (n° 1705379), from which its deadlines run (default ${DEMO_DEFAULTS.notifiedOn})
  --follow-up-notified-on  notification of the order of 31 July 2018 (n° 1806567) (default ${DEMO_DEFAULTS.followUpNotifiedOn})`;

/** The notification dates given on the command line, else the defaults. */
export const demoOptionsOf = (args: readonly string[]): DemoOptions => {
  const given = parseOptions(args, ['notified-on', 'follow-up-notified-on']);
  const date = (name: string, fallback: string) => {
    const value = given[name] ?? fallback;
    if (!isCalendarDate(value)) throw new Error(`--${name} must be a date YYYY-MM-DD, got ${value}`);
    return value;
  };
  return { notifiedOn: date('notified-on', DEMO_DEFAULTS.notifiedOn), followUpNotifiedOn: date('follow-up-notified-on', DEMO_DEFAULTS.followUpNotifiedOn) };
};

/**
 * The server's configuration without projectors: only the API (and `projections rebuild`) runs
 * them (DESIGN §2). A CLI that wrote beside a running server once ran its own on the same read
 * store, and the two applied events twice.
 */
export const withoutProjectors = (config: AppConfig): AppConfig => ({ ...config, readModels: { ...config.readModels, runProjectors: false } });

/** `npm run cli -- demo`: boots the app without HTTP on the configured store and loads the data set. */
export const runDemo = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  let options: DemoOptions;
  try {
    options = demoOptionsOf(args);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const config = withoutProjectors(appConfigFrom(env));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'], abortOnError: false });
  try {
    const where = config.eventStore.kind === 'sqlite' ? `sqlite (${config.eventStore.sqlitePath})` : config.eventStore.kind;
    console.log(`Loading the ${CALAIS_2017} data set into ${where} as ${DEMO_LOADER.sub}`);
    console.log(`Orders notified on ${options.notifiedOn} (n° 1705379) and ${options.followUpNotifiedOn} (n° 1806567)`);
    let outcomes: StepOutcome[];
    try {
      const nameWidth = Math.max(...calais2017Steps(options).map(({ name }) => name.length));
      outcomes = await loadDemo(app, (outcome) => console.log(lineOf(outcome, nameWidth)), options);
    } catch (error) {
      if (!(error instanceof DemoStepRefused)) throw error;
      console.error(`✗ ${error.message}`);
      return 1;
    }
    const recorded = outcomes.filter(({ result }) => result.appended).length;
    const summary =
      recorded === 0
        ? `${CALAIS_2017}: nothing appended, all ${outcomes.length} decisions were already recorded.`
        : `${CALAIS_2017}: ${recorded} decisions recorded, ${outcomes.length - recorded} already recorded.`;
    const head = await app.get<symbol, EventStore>(EVENT_STORE).headPosition();
    console.log(`${summary} Head of the log: position ${head}.`);
    return 0;
  } finally {
    await app.close();
  }
};
