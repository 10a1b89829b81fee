import { randomUUID } from 'node:crypto';
import {
  type ApplicationCommand,
  applicationConfigFrom,
  type CommandContext,
  type CommandResult,
  CommandRunner,
  fingerprintOf,
  openApplicationEventStore,
  type Principal,
} from '@mandate-ledger/application';
import { isCalendarDate } from '@mandate-ledger/domain';
import { CALAIS_2017, calais2017Steps, DEMO_DEFAULTS, type DemoOptions, type DemoStep } from './demo/calais-2017.data';
import { parseOptions } from './options';

/** The system principal the demo's decisions are recorded under. */
export const DEMO_LOADER: Principal = { sub: 'demo-loader', role: 'admin' };

export interface StepOutcome {
  readonly step: DemoStep;
  readonly result: CommandResult;
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

/** The command a step of the data set stands for, its resource's id inside its data. */
export const commandOf = (step: DemoStep): ApplicationCommand => {
  switch (step.decision) {
    case 'register':
      return { type: 'RegisterOperator', data: { ...step.data, operatorId: step.operatorId } };
    case 'grant':
      return { type: 'GrantMandate', data: { ...step.data, mandateId: step.mandateId } };
    case 'renew':
      return { type: 'RenewMandate', data: { ...step.data, mandateId: step.mandateId } };
    case 'suspend':
      return { type: 'SuspendMandate', data: { ...step.data, mandateId: step.mandateId } };
    case 'reinstate':
      return { type: 'ReinstateMandate', data: { ...step.data, mandateId: step.mandateId } };
    case 'report':
      return { type: 'ReportMandateActivity', data: { ...step.data, mandateId: step.mandateId } };
    case 'complete':
      return { type: 'CompleteMandateMission', data: { ...step.data, mandateId: step.mandateId } };
    case 'pay':
      return { type: 'RecordMandatePayment', data: { ...step.data, mandateId: step.mandateId } };
    case 'withhold':
      return { type: 'WithholdMandatePayment', data: { ...step.data, mandateId: step.mandateId } };
    case 'recover':
      return { type: 'OrderMandateRecovery', data: { ...step.data, mandateId: step.mandateId } };
    case 'financial-report':
      return { type: 'ReceiveMandateFinancialReport', data: { ...step.data, mandateId: step.mandateId } };
    case 'publish':
      return { type: 'RecordMandatePublication', data: { ...step.data, mandateId: step.mandateId } };
    case 'open-case':
      return { type: 'OpenComplianceCase', data: { ...step.data, complianceCaseId: step.complianceCaseId } };
    case 'appeal':
      return { type: 'RecordComplianceAppeal', data: { ...step.data, complianceCaseId: step.complianceCaseId } };
    case 'add-obligation':
      return { type: 'AddComplianceObligation', data: { ...step.data, complianceCaseId: step.complianceCaseId } };
    case 'notify':
      return { type: 'RecordComplianceNotification', data: { ...step.data, complianceCaseId: step.complianceCaseId } };
    case 'link-measure':
      return { type: 'LinkComplianceMeasure', data: { ...step.data, complianceCaseId: step.complianceCaseId } };
    case 'attach-evidence':
      return { type: 'AttachComplianceEvidence', data: { ...step.data, complianceCaseId: step.complianceCaseId } };
  }
};

/**
 * Records the Calais data set through the application's command path, the one the HTTP API's
 * writes take (access rules, deciders). Each decision carries its own idempotency key, so a second
 * load appends nothing. Throws {@link DemoStepRefused} at the first refusal.
 */
export const loadDemo = async (
  commands: CommandRunner,
  onStep: (outcome: StepOutcome) => void = () => undefined,
  options: DemoOptions = DEMO_DEFAULTS,
): Promise<StepOutcome[]> => {
  // One correlation id ties together the decisions of one run.
  const correlationId = `${CALAIS_2017}-${randomUUID()}`;
  const outcomes: StepOutcome[] = [];
  for (const step of calais2017Steps(options)) {
    const command = commandOf(step);
    const context: CommandContext = {
      actor: DEMO_LOADER,
      now: new Date().toISOString(),
      correlationId,
      // The step's command is what its key was sent for: a data set changed under an unchanged step name is refused, not skipped.
      idempotency: { key: `${DEMO_LOADER.sub}:${CALAIS_2017}:${step.name}`, fingerprint: fingerprintOf({ actor: DEMO_LOADER, command }) },
    };
    let result: CommandResult;
    try {
      result = await commands.run(command, context);
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
  pay: 'paid',
  withhold: 'withheld payment',
  recover: 'ordered recovery',
  'financial-report': 'received report',
  publish: 'published',
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

/** `npm run cli -- demo`: the data set through the command path on the configured store (no server, no projector). */
export const runDemo = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  let options: DemoOptions;
  try {
    options = demoOptionsOf(args);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const config = applicationConfigFrom(env);
  const store = await openApplicationEventStore(config.eventStore);
  try {
    const where = config.eventStore.kind === 'sqlite' ? `sqlite (${config.eventStore.sqlitePath})` : config.eventStore.kind;
    console.log(`Loading the ${CALAIS_2017} data set into ${where} as ${DEMO_LOADER.sub}`);
    console.log(`Orders notified on ${options.notifiedOn} (n° 1705379) and ${options.followUpNotifiedOn} (n° 1806567)`);
    let outcomes: StepOutcome[];
    try {
      const nameWidth = Math.max(...calais2017Steps(options).map(({ name }) => name.length));
      const commands = new CommandRunner(store, { writtenAgreementThresholdCents: config.writtenAgreementThresholdCents, financialReportDueMonths: config.financialReportDueMonths });
      outcomes = await loadDemo(commands, (outcome) => console.log(lineOf(outcome, nameWidth)), options);
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
    console.log(`${summary} Head of the log: position ${await store.headPosition()}.`);
    return 0;
  } finally {
    await store.close();
  }
};
