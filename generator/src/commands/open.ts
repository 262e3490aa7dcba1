import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession } from '../aws/session';
import { describeStack } from '../aws/stacks';
import { StrataError } from '../errors';

interface OpenOptions extends AwsOptions {
  browser?: boolean;
  json?: boolean;
}

/** A desktop session on a terminal: the only place a browser should pop up (not CI, not SSH, not a pipe). */
export function isDesktop(env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): boolean {
  if (!stdoutIsTTY || env.CI || env.SSH_CONNECTION) return false;
  return process.platform === 'darwin' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** `strata open`: prints the site URL and, on a desktop terminal, opens it in the browser. */
export const registerOpen = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('open')
      .option('--no-browser', 'only print the URL, even on a desktop')
      .option('--json', 'print {"url": ...} and open no browser'),
  ).action(async (opts: OpenOptions) => {
    // The banner goes to stderr: stdout holds the URL alone, for $(strata open).
    const { manifest, cfn } = await startSession(ctx, opts, { writes: false, json: true });
    const ref = manifest.outputs.siteUrl;
    if (!ref) throw new StrataError('E_USAGE', `${manifest.project} has no site URL output`);
    const stack = manifest.stacks.find((s) => s.layer === ref.layer);
    const info = stack ? await describeStack(cfn, stack.stackName) : undefined;
    const url = info?.outputs[ref.output];
    if (!url)
      throw new StrataError(
        'E_DEPLOY',
        `the ${ref.layer} stack is not deployed, so there is no site URL yet`,
        'run strata deploy',
      );
    if (opts.json) return ctx.printJson({ url });
    ctx.print(url);
    if (opts.browser === false || !isDesktop(ctx.io.env, ctx.io.stdout.isTTY === true)) return;
    const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
    // Detached and ignored: the browser outlives strata, and a missing opener only means no browser.
    const child = spawn(opener, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () =>
      ctx.warn(ctx.err.dim(`(${opener} is not available; open the URL yourself)`)),
    );
    child.unref();
  });
};
