import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession, withInterrupt } from '../aws/session';
import { createConfirm, requireTerminalOrYes } from '../deploy/confirm';
import { deployAll, type DeployReport } from '../deploy/deploy-all';
import { describeOutcome } from '../deploy/deploy-stack';
import { requireFreshOut } from '../deploy/freshness';
import { parseGivenParameters } from '../deploy/parameters';
import { describePlan } from '../deploy/plan';
import { createProgress } from '../deploy/progress';
import { StrataError } from '../errors';

interface DeployOptions extends AwsOptions {
  stack?: string;
  dryRun?: boolean;
  yes?: boolean;
  parameter: string[];
  certificateWait?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function printReport(ctx: CliContext, report: DeployReport, dryRun: boolean): void {
  ctx.print('');
  const title = report.failure
    ? 'Deploy stopped'
    : dryRun
      ? 'Dry run: nothing was changed'
      : 'Deploy finished';
  ctx.print(report.failure ? ctx.out.red(ctx.out.bold(title)) : ctx.out.bold(title));
  for (const o of report.outcomes) ctx.print(describeOutcome(o, ctx.out));
  for (const [name, value] of Object.entries(report.outputs))
    ctx.print(`${ctx.out.bold(name)}: ${ctx.out.cyan(value)}`);
}

/** `--certificate-wait` in milliseconds; a usage error unless it is a positive number of minutes. */
function minutesOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new StrataError(
      'E_USAGE',
      `--certificate-wait ${text} is not a number of minutes`,
      'e.g. --certificate-wait 45',
    );
  return minutes * 60000;
}

/** `strata deploy`: bootstrap, package and upload the apps, then deploy the stacks of out/manifest.json. */
export const registerDeploy = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('deploy')
      .option(
        '--stack <layer>',
        'deploy only this layer, with its upstream outputs read from the live stacks',
      )
      .option('--dry-run', 'create and show the change sets, then delete them; change nothing')
      .option(
        '--certificate-wait <minutes>',
        "how long to wait for a new certificate's DNS validation record before stopping (the stack keeps waiting)",
        '30',
      )
      .option(
        '-y, --yes',
        'do not ask before executing each change set (needed when stdin is not a terminal)',
      )
      .option(
        '--parameter <key=value>',
        'value of a deploy-time parameter, e.g. DatabaseSnapshotIdentifier=<snapshot> (repeatable)',
        collect,
        [],
      ),
  ).action(async (opts: DeployOptions) => {
    if (!opts.dryRun)
      requireTerminalOrYes(
        ctx.io,
        opts.yes === true,
        'strata deploy',
        'review with strata deploy --dry-run, then run strata deploy --yes',
      );
    const session = await startSession(ctx, opts, { writes: true });
    const given = parseGivenParameters(opts.parameter, session.manifest.stacks);
    requireFreshOut(ctx.io.cwd, session.manifest, session.outDir);
    if (session.region !== session.manifest.region) {
      // --region overrides the topology's, but the templates name availability zones of the topology's region.
      ctx.warn(
        ctx.err.yellow(
          `warning: the topology is for ${session.manifest.region} and names its availability zones; in ${session.region} subnets that use them cannot be created (set region in ${session.manifest.spec} and run strata generate instead)`,
        ),
      );
    }
    const total = opts.stack ? 1 : session.manifest.stacks.length;
    const progress = createProgress(ctx.io.stdout, ctx.out, total);
    progress.log(
      `${opts.dryRun ? 'Planning a deploy of' : 'Deploying'} ${session.manifest.project}${session.manifest.environment ? ` (environment ${session.manifest.environment})` : ''} to ${session.region}${session.endpointUrl ? ` via ${session.endpointUrl}` : ''}`,
    );
    if (opts.dryRun && !opts.stack)
      for (const line of describePlan(session.manifest.stacks)) progress.log(line);
    try {
      const report = await withInterrupt((signal) =>
        deployAll(
          {
            ...session,
            cwd: ctx.io.cwd,
            outDir: session.outDir,
            given,
            progress,
            p: ctx.out,
            dryRun: opts.dryRun === true,
            signal,
            certificateWaitMs: minutesOption(opts.certificateWait),
            confirm: opts.yes ? undefined : createConfirm(ctx.io),
          },
          session.manifest,
          opts.stack,
        ),
      );
      progress.finish();
      printReport(ctx, report, opts.dryRun === true);
      if (report.failure) throw report.failure;
    } finally {
      progress.finish();
    }
  });
};
