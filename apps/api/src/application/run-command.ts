import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationCommand, CommandContext, CommandResult, CommandRunner } from '@mandate-ledger/application';

export const COMMAND_RUNNER = Symbol('COMMAND_RUNNER');

/** Any write of the application, as the API dispatches it on the command bus. */
export class RunCommand extends Command<CommandResult> {
  constructor(
    readonly command: ApplicationCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Hands every command to the application's one command path (the CLI calls it directly). */
@Injectable()
@CommandHandler(RunCommand)
export class RunCommandHandler implements ICommandHandler<RunCommand> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  execute({ command, context }: RunCommand): Promise<CommandResult> {
    return this.runner.run(command, context);
  }
}
