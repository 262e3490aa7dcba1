import type { Command } from 'commander';
import type { CliContext } from '../cli';

/** A CLI command: one file under commands/, registered here so `--help` lists them in this order. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

const commands: RegisterCommand[] = [];

/** Adds every strata command to the program. */
export function registerCommands(program: Command, ctx: CliContext): void {
  for (const register of commands) register(program, ctx);
}
