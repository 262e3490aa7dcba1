import { createInterface } from 'node:readline';
import type { CliContext } from '../output/context';
import { StrataError } from '../errors';
import { loadManifest, type Manifest } from '../manifest/read';
import { checkTarget, outDirOf } from '../manifest/target';
import { pollingFrom, type Polling } from './clock';
import { checkAccount, targetBanner, type Identity } from './identity';
import { chooseRegion } from './region';
import { createAwsClients, type AwsClients, type AwsOptions } from './options';

/** What an AWS command starts from: the manifest, the clients for its region and the polling settings. */
export interface AwsSession extends AwsClients {
  manifest: Manifest;
  polling: Polling;
  endpointUrl?: string;
  /** The folder the manifest was read from, as the user sees it (`out/prod`). */
  outDir: string;
}

/**
 * Builds the clients for a manifest (read from out/manifest.json unless given, e.g. the one generate produces
 * now), in the manifest's region unless --region says otherwise.
 */
export function openSession(ctx: CliContext, requested: AwsOptions, given?: Manifest): AwsSession {
  // AWS_ENDPOINT_URL is the SDK's and the AWS CLI's own setting; honour it as --endpoint-url's default.
  const options = {
    ...requested,
    endpointUrl: requested.endpointUrl ?? ctx.io.env.AWS_ENDPOINT_URL,
  };
  const outDir = outDirOf(options);
  const manifest = given ?? loadManifest(ctx.io.cwd, outDir);
  checkTarget(manifest, options, outDir);
  return {
    manifest,
    outDir,
    ...createAwsClients(
      options,
      chooseRegion(manifest, options.region, ctx.io.env, options.profile).region,
      {
        log: (line) => ctx.warn(ctx.err.dim(line)),
        askMfa: ctx.io.stdin.isTTY
          ? (serial) => askLine(ctx, `MFA code for ${serial}: `)
          : undefined,
      },
    ),
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
      // Before close(): it emits 'close' at once, whose handler would settle the promise with ''.
      resolve(line.trim());
      rl.close();
    });
    rl.once('close', () => resolve(''));
  });
}

/**
 * Opens the session of an AWS command and says where it acts before it does: the region notes (a
 * differing AWS_REGION or profile region), then the account check (always for a command that writes,
 * else only when the topology pins an account), then the banner naming environment, account and region.
 */
export async function startSession(
  ctx: CliContext,
  options: AwsOptions,
  { writes, given, json }: { writes: boolean; given?: Manifest; json?: boolean },
): Promise<AwsSession & { identity?: Identity }> {
  const session = openSession(ctx, options, given);
  const choice = chooseRegion(session.manifest, options.region, ctx.io.env, options.profile);
  for (const note of choice.notes) ctx.warn(ctx.err.yellow(`note: ${note}`));
  const identity = await checkAccount(session.sts, session.manifest, writes);
  const banner = targetBanner(session.manifest, session.region, identity, session.endpointUrl);
  // With --json, stdout holds only the JSON document.
  if (json) ctx.warn(banner);
  else ctx.print(ctx.out.bold(banner));
  return { ...session, identity };
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
