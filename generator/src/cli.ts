import { Command, CommanderError } from 'commander';
import { ExitCode, SpecError, isStrataError } from './errors';
import { makeContext, type CliContext, type CliIO } from './output/context';
import { formatDiagnostic } from './output/terminal';
import { MAX_PRINTED_DIAGNOSTICS } from './spec/limits';
import { registerCommands } from './commands';
import { awsError } from './aws/stacks';
import { failedCall } from './aws/verbose';

// run() takes a CliIO, and commands end with ExitCode: both are part of the CLI's API.
export type { CliContext, CliIO };
export { ExitCode };

/** The whole command tree; `argv` decides which lazy commands are loaded (`['help']`: all of them). */
export function buildProgram(ctx: CliContext, version: string, argv: readonly string[]): Command {
  const program = new Command('strata')
    .description('Turn one declarative topology.yaml into reviewed, deployable AWS CloudFormation.')
    .version(version, '-V, --version')
    .option('--debug', 'print stack traces for internal errors')
    .option('--no-color', 'no colour in the output (as NO_COLOR=1 does)')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({
      // A lazy command is listed from a stub that has no options yet, and commander shows
      // `[options]` only for a command that has some: the list would hide deploy's 19.
      subcommandTerm: (cmd) =>
        [
          cmd.name(),
          ...(cmd.name() === 'help' ? [] : ['[options]']),
          ...cmd.registeredArguments.map((a) => {
            const name = `${a.name()}${a.variadic ? '...' : ''}`;
            return a.required ? `<${name}>` : `[${name}]`;
          }),
        ].join(' '),
    })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    });
  registerCommands(program, ctx, argv);
  return program;
}

/** Prints an error the way a user should see it and returns the exit code. */
export function reportError(
  error: unknown,
  ctx: CliContext,
  debug: boolean,
  json: boolean,
): number {
  if (error instanceof ExitCode) return error.code;
  // Commander has printed its message; help and --version exit 0, every usage mistake 2 (as getopt tools do).
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof SpecError) {
    if (json) ctx.printJson({ ok: false, code: error.code, diagnostics: error.diagnostics });
    else {
      // A generated file can hold thousands of mistakes; the first ones are what a reader acts on.
      const shown = error.diagnostics.slice(0, MAX_PRINTED_DIAGNOSTICS);
      for (const d of shown) ctx.warn(formatDiagnostic(d, ctx.err));
      const more = error.diagnostics.length - shown.length;
      if (more > 0) ctx.warn(ctx.err.dim(`… and ${more} more (all of them: --json)`));
      ctx.warn(ctx.err.red(`✖ ${error.message}`));
    }
    return error.exitCode;
  }
  // An AWS failure no command wrapped is still the user's to fix (permissions, limits), not a bug.
  const call = isStrataError(error) ? undefined : failedCall(error);
  if (call) return reportError(awsError(call, error), ctx, debug, json);
  if (isStrataError(error)) {
    if (json)
      ctx.printJson({ ok: false, code: error.code, message: error.message, hint: error.hint });
    else
      ctx.warn(`${ctx.err.red('error')} ${error.message}${error.hint ? `\n  ${error.hint}` : ''}`);
    if (debug && error.stack) ctx.warn(ctx.err.dim(error.stack));
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  ctx.warn(`${ctx.err.red('internal error')} ${err.message}`);
  ctx.warn(
    debug && err.stack
      ? ctx.err.dim(err.stack)
      : ctx.err.dim('(this is a bug in strata; run again with --debug for the stack trace)'),
  );
  return 70;
}

/** Runs the CLI on argv (without node and script) and resolves to the exit code. */
export async function run(argv: string[], io: CliIO, version = '0.0.0'): Promise<number> {
  // Colour is decided before commander parses, because errors in parsing are printed with it too.
  const noColor = argv.includes('--no-color');
  const ctx = makeContext(
    noColor ? { ...io, env: { ...io.env, NO_COLOR: '1', FORCE_COLOR: '0' } } : io,
  );
  const program = buildProgram(ctx, version, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, ctx, argv.includes('--debug'), argv.includes('--json'));
  }
}
