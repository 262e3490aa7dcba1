import { createInterface } from 'node:readline';
import type { CliIO } from '../output/context';
import { StrataError } from '../errors';

/** Refuses up front when a command would have to ask but stdin is not a terminal (CI, pipes): it never waits for input there. */
export function requireTerminalOrYes(
  io: CliIO,
  yes: boolean,
  command: string,
  dryRunHint: string,
): void {
  if (yes || io.stdin.isTTY) return;
  throw new StrataError(
    'E_ABORTED',
    `${command} asks before it changes stacks, but stdin is not a terminal, so it cannot ask`,
    dryRunHint,
  );
}

/** Asks one question on the terminal and resolves to the trimmed answer. */
export function ask(io: CliIO, question: string): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  return new Promise((resolve) => {
    io.stderr.write(question);
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line.trim());
    });
    // End of input (Ctrl-D) counts as "no".
    rl.once('close', () => {
      if (!answered) resolve('');
    });
  });
}

/** A yes/no prompt; concurrent callers (parallel stacks) are asked one after another. */
export function createConfirm(io: CliIO): (question: string) => Promise<boolean> {
  let queue: Promise<unknown> = Promise.resolve();
  return (question) => {
    const answer = queue.then(() => ask(io, `${question} [y/N] `)).then((a) => /^y(es)?$/i.test(a));
    queue = answer.catch(() => undefined);
    return answer;
  };
}
