import { createInterface } from 'node:readline';
import type { CliContext } from '../output/context';
import { StrataError } from '../errors';
import { loadManifest, type Manifest } from '../manifest/read';
import { pollingFrom, type Polling } from './clock';
import { createAwsClients, type AwsClients, type AwsOptions } from './options';

/** What an AWS command starts from: the manifest, the clients for its region and the polling settings. */
export interface AwsSession extends AwsClients {
  manifest: Manifest;
  polling: Polling;
  endpointUrl?: string;
}

/**
 * Builds the clients for a manifest (read from out/manifest.json unless given, e.g. the one generate produces
 * now), in the manifest's region unless --region says otherwise.
 */
export function openSession(ctx: CliContext, options: AwsOptions, given?: Manifest): AwsSession {
  const manifest = given ?? loadManifest(ctx.io.cwd);
  return {
    manifest,
    ...createAwsClients(options, manifest.region, {
      log: (line) => ctx.warn(ctx.err.dim(line)),
      askMfa: ctx.io.stdin.isTTY ? (serial) => askLine(ctx, `MFA code for ${serial}: `) : undefined,
    }),
    polling: pollingFrom(ctx.io.env),
    endpointUrl: options.endpointUrl,
  };
}

/** One line typed on the terminal (the MFA code), without the deploy module's prompt machinery. */
function askLine(ctx: CliContext, question: string): Promise<string> {
  const rl = createInterface({ input: ctx.io.stdin, output: ctx.io.stderr, terminal: false });
  ctx.io.stderr.write(question);
  return new Promise((resolve) => {
    rl.once('line', (line) => {
      rl.close();
      resolve(line.trim());
    });
    rl.once('close', () => resolve(''));
  });
}

/**
 * Runs `work` with an AbortSignal that fires on Ctrl-C, and restores the default Ctrl-C afterwards.
 * Whatever `work` fails with once interrupted ends the command with 130, the shells' code for SIGINT.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (!controller.signal.aborted || (error instanceof StrataError && error.exitCode === 130))
      throw error;
    throw new StrataError(
      'E_ABORTED',
      'interrupted',
      'run strata status to see where each stack is',
      130,
    );
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
