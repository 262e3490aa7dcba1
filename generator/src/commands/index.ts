import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { registerGenerate } from './generate';
import { registerValidate } from './validate';

/** A CLI command: one file under commands/, registered here so `--help` lists them in this order. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/**
 * A command whose module is loaded only when it is the one invoked: diff, deploy and the rest pull in
 * the AWS SDK and the resource-schema indexes, which would double the start-up time of every `generate`.
 */
interface LazyCommand {
  name: string;
  summary: string;
  /** The command's arguments as `--help` shows them (a test keeps them equal to the real ones). */
  args?: string;
  load(): RegisterCommand;
}

const EAGER: RegisterCommand[] = [registerValidate, registerGenerate];

/* eslint-disable @typescript-eslint/no-require-imports -- require() at call time is the lazy load */
const LAZY: LazyCommand[] = [
  {
    name: 'lint',
    args: '[dir]',
    summary:
      'check rendered templates against current CloudFormation resource schemas, limits and security rules',
    load: () => (require('./lint') as typeof import('./lint')).registerLint,
  },
  {
    name: 'diff',
    args: '[file]',
    summary:
      'compare what generate produces now with the committed out/ (default HEAD), the deployed stacks, or change sets',
    load: () => (require('./diff') as typeof import('./diff')).registerDiff,
  },
  {
    name: 'cost',
    args: '[file]',
    summary:
      'estimate the monthly cost per resource and layer, compare it with a reference, suggest savings',
    load: () => (require('./cost') as typeof import('./cost')).registerCost,
  },
  {
    name: 'diagram',
    args: '[file]',
    summary: 'draw the topology as deployed: SVG, Mermaid or Graphviz dot',
    load: () => (require('./diagram') as typeof import('./diagram')).registerDiagram,
  },
  {
    name: 'deploy',
    summary: 'deploy out/ to AWS: artifacts, then one change set per stack in dependency order',
    load: () => (require('./deploy') as typeof import('./deploy')).registerDeploy,
  },
  {
    name: 'rollback',
    summary:
      'finish a stuck rollback (UPDATE_ROLLBACK_FAILED) or roll back a stack that failed with --no-rollback',
    load: () => (require('./rollback') as typeof import('./rollback')).registerRollback,
  },
  {
    name: 'status',
    summary: 'show the status of every stack of out/manifest.json',
    load: () => (require('./status') as typeof import('./status')).registerStatus,
  },
  {
    name: 'drift',
    summary:
      'run drift detection and show, per drifted resource, each property expected and actual',
    load: () => (require('./drift') as typeof import('./drift')).registerDrift,
  },
  {
    name: 'outputs',
    summary: 'print the outputs of the deployed stacks, the site URL first',
    load: () => (require('./outputs') as typeof import('./outputs')).registerOutputs,
  },
  {
    name: 'snapshots',
    summary:
      "list the DB snapshots of an environment's database, final snapshots included (the DR runbook's first step)",
    load: () => (require('./snapshots') as typeof import('./snapshots')).registerSnapshots,
  },
  {
    name: 'open',
    summary: 'print the site URL, and open it in the browser on a desktop terminal',
    load: () => (require('./open') as typeof import('./open')).registerOpen,
  },
  {
    name: 'logs',
    args: '<tier>',
    summary:
      "read a tier's CloudWatch log group, with timestamps and instance ids; --follow to keep reading",
    load: () => (require('./logs') as typeof import('./logs')).registerLogs,
  },
  {
    name: 'restore-test',
    summary:
      'restore the newest automated database snapshot into a temporary instance, query it over SSM, delete it',
    load: () => (require('./restore-test') as typeof import('./restore-test')).registerRestoreTest,
  },
  {
    name: 'destroy',
    summary:
      'delete every stack of out/manifest.json, newest layer first (the database keeps a final snapshot)',
    load: () => (require('./destroy') as typeof import('./destroy')).registerDestroy,
  },
  {
    name: 'completion',
    args: '[shell]',
    summary: 'print a shell completion script (bash, zsh or fish) for every command and option',
    load: () => (require('./completion') as typeof import('./completion')).registerCompletion,
  },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** Adds every strata command to the program; `argv` decides which lazy commands are loaded for real. */
export function registerCommands(program: Command, ctx: CliContext, argv: readonly string[]): void {
  for (const register of EAGER) register(program, ctx);
  const invoked = argv.find((arg) => !arg.startsWith('-'));
  // `strata help deploy` and a completion script need the real definitions; elsewhere a name and a
  // summary suffice for --help. `completion --list` runs at every <Tab>, so it loads nothing more.
  const loadAll = invoked === 'help' || (invoked === 'completion' && !argv.includes('--list'));
  for (const command of LAZY) {
    if (invoked === command.name || loadAll) command.load()(program, ctx);
    else if (command.args) program.command(command.name).arguments(command.args);
    else program.command(command.name);
    program.commands[program.commands.length - 1].description(command.summary);
  }
}
