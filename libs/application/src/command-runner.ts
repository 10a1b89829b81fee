import { type EventStore, handleCommand } from '@mandate-ledger/event-store';
import { commandMetadataOf, type CommandContext, eventMetadataOf } from './command-context';
import type { ApplicationCommand, CommandResult } from './commands';
import { COMPLIANCE_CASE_USE_CASES, complianceCaseAggregate } from './compliance-case.use-cases';
import { COMPLIANCE_REPORT_USE_CASES, complianceReportAggregate } from './compliance-report.use-cases';
import { MANDATE_USE_CASES, mandateAggregate } from './mandate.use-cases';
import { OPERATOR_USE_CASES, operatorAggregate } from './operator.use-cases';
import { KeyedSerializer, type OperatorMandatesLookup, scanLogForOperatorMandates } from './operator-subsidies';
import type { Aggregate, UseCase, UseCaseServices } from './use-case';

export interface CommandRunnerOptions {
  /** Above this a year, the subsidies of one authority to one operator need a written agreement (loi 2000-321 art. 10). */
  readonly writtenAgreementThresholdCents: number;
  /** Months after a financial year's end within which its financial report is due (default 6). */
  readonly financialReportDueMonths?: number;
  /** Where an operator's mandates are found (default: a scan of the log). */
  readonly operatorMandates?: OperatorMandatesLookup;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Route = { readonly aggregate: Aggregate<any, any>; readonly useCase: UseCase<any, any, any> };

/**
 * The one way every command runs, for the API and the CLI alike: allow, read what the decider needs,
 * then decide on the resource's stream with the context's preconditions (read, authorize against
 * the state read, decide, append; `handleCommand`).
 */
export class CommandRunner {
  private readonly routes: ReadonlyMap<string, Route>;
  private readonly services: UseCaseServices;
  private readonly serializer = new KeyedSerializer();

  constructor(
    private readonly store: EventStore,
    options: CommandRunnerOptions,
  ) {
    const routesOf = (aggregate: Route['aggregate'], useCases: Record<string, Route['useCase']>) =>
      Object.entries(useCases).map(([type, useCase]) => [type, { aggregate, useCase }] as const);
    this.routes = new Map([
      ...routesOf(mandateAggregate({ writtenAgreementThresholdCents: options.writtenAgreementThresholdCents, financialReportDueMonths: options.financialReportDueMonths ?? 6 }), MANDATE_USE_CASES),
      ...routesOf(operatorAggregate, OPERATOR_USE_CASES),
      ...routesOf(complianceCaseAggregate, COMPLIANCE_CASE_USE_CASES),
      ...routesOf(complianceReportAggregate, COMPLIANCE_REPORT_USE_CASES),
    ]);
    this.services = { operatorMandates: options.operatorMandates ?? scanLogForOperatorMandates };
  }

  async run(command: ApplicationCommand, context: CommandContext): Promise<CommandResult> {
    const route = this.routes.get(command.type);
    if (!route) throw new Error(`no use case for ${command.type}`);
    const { aggregate, useCase } = route;
    useCase.allow?.(context.actor, command);
    const { id, stream } = aggregate.target(command);
    const decide = async (): Promise<CommandResult> => {
      const facts = await useCase.read?.(command, this.store, this.services);
      const decided = { ...command, ...useCase.given?.(facts), metadata: commandMetadataOf(context) };
      const result = await handleCommand(this.store, aggregate.decider, stream, decided, {
        metadata: eventMetadataOf(context),
        expectedRevision: context.expectedRevision,
        idempotency: context.idempotency,
        authorize: (state) => {
          if (aggregate.exists(state)) useCase.authorize?.(context.actor, state, command, facts);
        },
      });
      return { id, ...result };
    };
    const key = await useCase.serializeOn?.(command, this.store);
    return key === undefined ? decide() : this.serializer.run(key, decide);
  }
}
