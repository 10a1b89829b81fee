import { type EventStore, handleCommand } from '@mandate-ledger/event-store';
import { commandMetadataOf, type CommandContext, eventMetadataOf } from './command-context';
import type { ApplicationCommand, CommandResult } from './commands';
import { COMPLIANCE_CASE_USE_CASES, complianceCaseAggregate } from './compliance-case.use-cases';
import { COMPLIANCE_REPORT_USE_CASES, complianceReportAggregate } from './compliance-report.use-cases';
import { MANDATE_USE_CASES, mandateAggregate } from './mandate.use-cases';
import { OPERATOR_USE_CASES, operatorAggregate } from './operator.use-cases';
import type { Aggregate, UseCase } from './use-case';

export interface CommandRunnerOptions {
  /** A grant above this yearly amount needs a written agreement (loi 2000-321 art. 10). */
  readonly writtenAgreementThresholdCents: number;
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

  constructor(
    private readonly store: EventStore,
    options: CommandRunnerOptions,
  ) {
    const routesOf = (aggregate: Route['aggregate'], useCases: Record<string, Route['useCase']>) =>
      Object.entries(useCases).map(([type, useCase]) => [type, { aggregate, useCase }] as const);
    this.routes = new Map([
      ...routesOf(mandateAggregate(options.writtenAgreementThresholdCents), MANDATE_USE_CASES),
      ...routesOf(operatorAggregate, OPERATOR_USE_CASES),
      ...routesOf(complianceCaseAggregate, COMPLIANCE_CASE_USE_CASES),
      ...routesOf(complianceReportAggregate, COMPLIANCE_REPORT_USE_CASES),
    ]);
  }

  async run(command: ApplicationCommand, context: CommandContext): Promise<CommandResult> {
    const route = this.routes.get(command.type);
    if (!route) throw new Error(`no use case for ${command.type}`);
    const { aggregate, useCase } = route;
    useCase.allow?.(context.actor, command);
    const facts = await useCase.read?.(command, this.store);
    const { id, stream } = aggregate.target(command);
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
  }
}
