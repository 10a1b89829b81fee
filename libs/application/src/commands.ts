import type { ComplianceCaseCommand, ComplianceReportCommand, MandateCommand, OperatorCommand } from '@mandate-ledger/domain';

/** A domain command without what the command path adds: its metadata, and what the decider is told of other streams. */
type AsSent<Command> = Command extends unknown ? Omit<Command, 'metadata' | 'operator' | 'mandate' | 'complianceCase' | 'subsidies'> : never;

/**
 * Every write, as plain data: `type` and `data`, the resource's id inside `data` (`mandateId`,
 * `operatorId`, `complianceCaseId`, `reportId`). The API builds them from requests, the CLI from its data sets.
 */
export type ApplicationCommand = AsSent<MandateCommand | OperatorCommand | ComplianceCaseCommand | ComplianceReportCommand>;

export type CommandType = ApplicationCommand['type'];

/** What a command did to its resource's stream. */
export interface CommandResult {
  readonly id: string;
  /** The stream's revision after the command (HTTP: its ETag). */
  readonly revision: bigint;
  /** Where its last event lies in the global log (pass it as `minPosition` to read it back). */
  readonly position: bigint;
  /** False when an idempotent retry answered the first result, or the command decided nothing. */
  readonly appended: boolean;
}
