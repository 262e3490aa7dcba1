import { Command, CommanderError } from 'commander';
import { SpecError, isStrataError } from './errors';
import { formatDiagnostic, paletteFor, type Palette } from './output/terminal';
import { MAX_PRINTED_DIAGNOSTICS } from './spec/limits';
import { registerCommands } from './commands';

/** Where a command writes, injectable so tests run the CLI in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** What every command receives: its streams, palettes and output helpers. */
export interface CliContext {
  io: CliIO;
  /** Colours for stdout and stderr, each decided by its own stream. */
  out: Palette;
  err: Palette;
  print(text: string): void;
  warn(text: string): void;
  /** Writes a JSON document to stdout, for `--json`. */
  printJson(value: unknown): void;
}

/** Thrown by a command to end with a given exit code after it has printed its own result. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function makeContext(io: CliIO): CliContext {
  return {
    io,
    out: paletteFor(io.stdout, io.env),
    err: paletteFor(io.stderr, io.env),
    print: (text) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    warn: (text) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    printJson: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}

function buildProgram(ctx: CliContext, version: string, argv: readonly string[]): Command {
  const program = new Command('strata')
    .description('Turn one declarative topology.yaml into reviewed, deployable AWS CloudFormation.')
    .version(version, '-V, --version')
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError('(run with --help for usage)')
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
  if (error instanceof CommanderError) return error.exitCode;
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
  const ctx = makeContext(io);
  const program = buildProgram(ctx, version, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, ctx, argv.includes('--debug'), argv.includes('--json'));
  }
}
