import { Readable, Writable } from 'node:stream';
import { run } from '../../src/cli';

/** Output of one in-process CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(isTTY: boolean): Writable & { text: string; isTTY: boolean } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string; isTTY: boolean };
  stream.text = '';
  stream.isTTY = isTTY;
  return stream;
}

/** Runs `strata <args>` in-process with captured streams; not a TTY unless asked. */
export async function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; tty?: boolean },
): Promise<CliRun> {
  const stdout = sink(options.tty ?? false);
  const stderr = sink(options.tty ?? false);
  const code = await run(
    args,
    { stdout, stderr, stdin: Readable.from([]), env: options.env ?? {}, cwd: options.cwd },
    '9.9.9',
  );
  return { code, stdout: stdout.text, stderr: stderr.text };
}
