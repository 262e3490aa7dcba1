import { paletteFor, type Palette } from './terminal';

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

/** The context of a CLI run over its streams. */
export function makeContext(io: CliIO): CliContext {
  return {
    io,
    out: paletteFor(io.stdout, io.env),
    err: paletteFor(io.stderr, io.env),
    print: (text) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    warn: (text) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    printJson: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}
