import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession, withInterrupt } from '../aws/session';
import { requireTerminalOrYes } from '../deploy/confirm';
import { deployAll, type DeployReport } from '../deploy/deploy-all';
import { DEPLOY_METHODS, describeOutcome, type DeployMethod } from '../deploy/deploy-stack';
import { requireFreshOut } from '../deploy/freshness';
import { parseGivenParameters } from '../deploy/parameters';
import { describePlan } from '../deploy/plan';
import { createProgress, progressOption } from '../deploy/progress';
import { ExitCode, StrataError } from '../errors';
import { writeFileAtomic } from '../util/atomic';
import { approvalLevel, gateDeploy, type GateOptions } from './deploy-gate';
import { executeSaved, planPath, prepareDeploy } from './deploy-saved';

interface DeployOptions extends AwsOptions, GateOptions {
  progress?: string;
  prepare?: boolean;
  execute?: string;
  stack?: string;
  parameter: string[];
  certificateWait?: string;
  json?: boolean;
  outputsFile?: string;
  method?: DeployMethod;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The `--json` document of a deploy: every stack's result, status, outputs and duration. */
function reportJson(report: DeployReport, durationMs: number) {
  return {
    ok: !report.failure,
    durationMs,
    stacks: report.outcomes.map((o) => ({
      stackName: o.stackName,
      result: o.result,
      status: o.status,
      outputs: o.outputs,
      durationMs: o.durationMs ?? 0,
      ...(o.note ? { note: o.note } : {}),
    })),
    outputs: report.outputs,
    ...(report.failure instanceof Error ? { error: report.failure.message } : {}),
  };
}

/** `--outputs-file`: every stack's outputs by stack name, as cdk writes them. */
function writeOutputs(cwd: string, file: string, report: DeployReport): void {
  const byStack = Object.fromEntries(report.outcomes.map((o) => [o.stackName, o.outputs]));
  writeFileAtomic(resolve(cwd, file), `${JSON.stringify(byStack, null, 2)}\n`);
}

function printReport(
  ctx: CliContext,
  report: DeployReport,
  dryRun: boolean,
  planId?: string,
): void {
  ctx.print('');
  const title = report.failure
    ? 'Deploy stopped'
    : planId
      ? `Plan ${planId} prepared (${planPath(planId)}): nothing was executed; run strata deploy --execute ${planId}`
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
      .addOption(progressOption())
      .option(
        '--stack <layer>',
        'deploy only this layer, with its upstream outputs read from the live stacks',
      )
      .option('--dry-run', 'create and show the change sets, then delete them; change nothing')
      .addOption(
        new Option(
          '--method <method>',
          'auto: create a stack that does not exist yet directly (no change set to compute) and update through change sets; change-set: new stacks through a change set too',
        )
          .choices([...DEPLOY_METHODS])
          .default('auto'),
      )
      .option(
        '--prepare',
        'create and show the change sets of every stack and keep them as a plan; prints the plan id',
      )
      .option(
        '--execute <planId>',
        'execute exactly the change sets of a prepared plan; refused if any stack changed since',
      )
      .option(
        '--certificate-wait <minutes>',
        "how long to wait for a new certificate's DNS validation record before stopping (the stack keeps waiting)",
        '30',
      )
      .option(
        '--require-approval <level>',
        'when to ask: never, any-change (each change set), broadening (only when access widens or data is replaced or removed)',
        'broadening',
      )
      .option(
        '--no-rollback',
        'keep what a failed deploy made, to fix and retry (refused when the plan replaces a resource)',
      )
      .option(
        '--allow-replace <logicalIds...>',
        'let this deploy replace or delete these stateful resources (e.g. Database) despite the stack policy',
      )
      .option(
        '--json',
        'print the result as JSON (stacks, status, outputs, durations); progress goes to stderr',
      )
      .option('--outputs-file <file>', "write every stack's outputs to this file as JSON")
      .option(
        '-y, --yes',
        'do not ask before executing change sets (needed when stdin is not a terminal)',
      )
      .option(
        '--parameter <key=value>',
        'value of a deploy-time parameter, e.g. DatabaseSnapshotIdentifier=<snapshot> (repeatable)',
        collect,
        [],
      ),
  ).action(async (opts: DeployOptions) => {
    if (opts.execute && (opts.prepare || opts.dryRun || opts.stack))
      throw new StrataError(
        'E_USAGE',
        '--execute runs a prepared plan as it is: it takes no --prepare, --dry-run or --stack',
        `strata deploy --execute ${opts.execute}`,
        2,
      );
    if (
      !opts.dryRun &&
      !opts.prepare &&
      !opts.execute &&
      approvalLevel(opts.requireApproval) === 'any-change'
    )
      requireTerminalOrYes(
        ctx.io,
        opts.yes === true,
        'strata deploy',
        'review with strata deploy --dry-run, then run strata deploy --yes',
      );
    const session = await startSession(ctx, opts, { writes: true, json: opts.json });
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
    // With --json stdout holds the document alone.
    const progress = createProgress(opts.json ? ctx.io.stderr : ctx.io.stdout, ctx.out, total, {
      mode: opts.progress,
      env: ctx.io.env,
    });
    const started = session.polling.clock.now();
    progress.log(
      `${opts.dryRun ? 'Planning a deploy of' : 'Deploying'} ${session.manifest.project}${session.manifest.environment ? ` (environment ${session.manifest.environment})` : ''} to ${session.region}${session.endpointUrl ? ` via ${session.endpointUrl}` : ''}`,
    );
    if (opts.dryRun && !opts.stack)
      for (const line of describePlan(session.manifest.stacks)) progress.log(line);
    try {
      const report = await withInterrupt(async (signal) => {
        const run = {
          ...session,
          cwd: ctx.io.cwd,
          outDir: session.outDir,
          given,
          progress,
          p: ctx.out,
          dryRun: opts.dryRun === true,
          signal,
          certificateWaitMs: minutesOption(opts.certificateWait),
          disableRollback: opts.rollback === false,
          allowReplace: opts.allowReplace,
          method: opts.method ?? 'auto',
        };
        if (opts.execute) return executeSaved(ctx, session, run, opts.execute, opts.yes === true);
        // A prepared plan executes later, as reviewed: only the guards apply now, no question.
        const confirm = await gateDeploy(
          ctx,
          session,
          opts.prepare ? { ...opts, yes: true } : opts,
          signal,
        );
        if (opts.prepare) return prepareDeploy(ctx, session, run, opts.stack);
        return deployAll({ ...run, confirm }, session.manifest, opts.stack);
      });
      progress.finish();
      if (opts.outputsFile) writeOutputs(ctx.io.cwd, opts.outputsFile, report);
      const planId = (report as { planId?: string }).planId;
      if (!opts.json) printReport(ctx, report, opts.dryRun === true, planId);
      else {
        ctx.printJson({
          ...reportJson(report, session.polling.clock.now() - started),
          ...(planId ? { planId } : {}),
        });
        // One JSON document on stdout: the failure is in it; stderr says it too.
        if (report.failure instanceof StrataError) {
          ctx.warn(`${ctx.err.red('error')} ${report.failure.message}`);
          throw new ExitCode(report.failure.exitCode);
        }
      }
      if (report.failure) throw report.failure;
    } finally {
      progress.finish();
    }
  });
};
