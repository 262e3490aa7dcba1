import type { Command } from 'commander';
import type { CliContext } from '../cli';
import { registerDeploy } from './deploy';
import { registerDestroy } from './destroy';
import { registerDiff } from './diff';
import { registerGenerate } from './generate';
import { registerLint } from './lint';
import { registerOutputs } from './outputs';
import { registerStatus } from './status';
import { registerValidate } from './validate';

/** A CLI command: one file under commands/, registered here so `--help` lists them in this order. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

const commands: RegisterCommand[] = [registerValidate, registerGenerate, registerLint, registerDiff, registerDeploy, registerStatus, registerOutputs, registerDestroy];

/** Adds every strata command to the program. */
export function registerCommands(program: Command, ctx: CliContext): void {
  for (const register of commands) register(program, ctx);
}
