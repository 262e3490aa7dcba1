import { PassThrough } from 'node:stream';
import { run, type CliIO } from '../../src/cli';

/** One in-process run of the CLI, with what it printed. */
export interface HarnessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process. stdin is a pipe unless `answer` is given: then it is a terminal, and the
 * answer is typed once a prompt (`[y/N] `, `code: `) appears, or `SIGINT` is sent there when the answer is `^C`.
 */
export async function strataRun(cwd: string, args: string[], answer?: string): Promise<HarnessRun> {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = Object.assign(new PassThrough(), { isTTY: answer !== undefined });
  const onErr = (t: string) => {
    err.push(t);
    // A question ends in `] ` ([y/N]) or, for a typed value such as an MFA code, in `: `.
    if (answer === undefined || !/(\]|:) $/.test(t)) return;
    if (answer === '^C') setImmediate(() => process.emit('SIGINT'));
    else setImmediate(() => stdin.write(`${answer}\n`));
  };
  const io: CliIO = {
    stdout: Object.assign(new PassThrough(), {
      write: (t: string) => out.push(t),
      columns: 100,
    }) as never,
    stderr: Object.assign(new PassThrough(), { write: onErr }) as never,
    stdin,
    env: { STRATA_POLL_INTERVAL_MS: '0', NO_COLOR: '1' },
    cwd,
  };
  const code = await run(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
