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

/** Ctrl-C at a prompt: nothing more is asked or started, and the CLI exits 130 as shells expect. */
export function interruptedAtPrompt(): StrataError {
  return new StrataError(
    'E_ABORTED',
    'interrupted at the prompt; nothing more was started',
    undefined,
    130,
  );
}

/**
 * Asks one question on the terminal and resolves to the trimmed answer. `signal` (Ctrl-C while a
 * command catches SIGINT) rejects at once: without it the prompt would keep waiting for a line.
 */
export function ask(io: CliIO, question: string, signal?: AbortSignal): Promise<string> {
  if (signal?.aborted) return Promise.reject(interruptedAtPrompt());
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  return new Promise((resolve, reject) => {
    io.stderr.write(question);
    let answered = false;
    const onAbort = () => {
      answered = true;
      io.stderr.write('\n');
      rl.close();
      reject(interruptedAtPrompt());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    rl.once('line', (line) => {
      answered = true;
      signal?.removeEventListener('abort', onAbort);
      rl.close();
      resolve(line.trim());
    });
    // End of input (Ctrl-D) counts as "no".
    rl.once('close', () => {
      signal?.removeEventListener('abort', onAbort);
      if (!answered) resolve('');
    });
  });
}

/** A yes/no prompt; concurrent callers (parallel stacks) are asked one after another. */
export function createConfirm(
  io: CliIO,
  signal?: AbortSignal,
): (question: string) => Promise<boolean> {
  let queue: Promise<unknown> = Promise.resolve();
  return (question) => {
    const answer = queue
      .then(() => ask(io, `${question} [y/N] `, signal))
      .then((a) => /^y(es)?$/i.test(a));
    queue = answer.catch(() => undefined);
    return answer;
  };
}
