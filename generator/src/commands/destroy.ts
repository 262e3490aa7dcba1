import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession, withInterrupt } from '../aws/session';
import { ask, requireTerminalOrYes } from '../deploy/confirm';
import { destroyAll, planDestroy, type DestroyTarget } from '../deploy/destroy';
import { bootstrapStackName } from '../manifest/read';
import { createProgress, progressOption } from '../deploy/progress';
import { liveDatabases, type DatabasePolicy } from '../deploy/snapshot-policy';
import { paintStatus } from '../deploy/stack-status';
import { StrataError } from '../errors';

interface DestroyOptions extends AwsOptions {
  progress?: string;
  yes?: boolean;
  json?: boolean;
}

function describeDatabase(db: DatabasePolicy, ctx: CliContext): string {
  const kept = db.deletionPolicy === 'Snapshot' || db.deletionPolicy === 'Retain';
  return kept
    ? ctx.out.green(
        `  ${db.stackName}/${db.logicalId}: DeletionPolicy ${db.deletionPolicy}, so CloudFormation keeps a final snapshot`,
      )
    : ctx.out.red(
        `  ${db.stackName}/${db.logicalId}: DeletionPolicy ${db.deletionPolicy}: its data is deleted with it`,
      );
}

function printPlan(
  ctx: CliContext,
  targets: DestroyTarget[],
  databases: DatabasePolicy[],
  bootstrap: string,
): void {
  ctx.print(
    ctx.out.bold('strata destroy will delete, in this order (independent stacks in parallel):'),
  );
  for (const t of targets) {
    const protection = t.info.terminationProtection
      ? ctx.out.dim('  (termination protection will be turned off)')
      : '';
    ctx.print(
      `  ${t.stack.stackName.padEnd(28)} ${paintStatus(t.info.status, ctx.out)}${protection}`,
    );
  }
  for (const db of databases) ctx.print(describeDatabase(db, ctx));
  ctx.print(ctx.out.dim(`  ${bootstrap} (artifacts bucket) is kept.`));
}

/** RDS refuses to delete a protected instance; say so before deleting anything rather than fail halfway. */
function refuseProtected(databases: DatabasePolicy[]): void {
  const locked = databases.filter((d) => d.deletionProtection);
  if (locked.length === 0) return;
  throw new StrataError(
    'E_ABORTED',
    `${locked.map((d) => `${d.stackName}/${d.logicalId}`).join(', ')} has deletion protection on; nothing was deleted`,
    'set database.deletionProtection: false in the topology, run strata generate and strata deploy --stack database, then destroy',
  );
}

/** `portfolio`, or `portfolio-prod` for an environment: what the user types to confirm. */
const confirmNameOf = (m: { project: string; environment?: string }): string =>
  m.environment ? `${m.project}-${m.environment}` : m.project;

/** `strata destroy`: deletes the project's stacks in reverse dependency order after a typed confirmation. */
export const registerDestroy = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('destroy')
      .addOption(progressOption())
      .option('-y, --yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
      .option(
        '--json',
        'print the result as JSON (stacks, status, durations); the plan goes to stderr',
      ),
  ).action(async (opts: DestroyOptions) => {
    requireTerminalOrYes(
      ctx.io,
      opts.yes === true,
      'strata destroy',
      'run strata destroy --yes to delete without a question',
    );
    const session = await startSession(ctx, opts, { writes: true, json: opts.json });
    const { manifest } = session;
    // With --json stdout holds the result document alone; the plan and progress go to stderr.
    const say = opts.json ? { ...ctx, print: ctx.warn, out: ctx.err } : ctx;
    const progress = createProgress(opts.json ? ctx.io.stderr : ctx.io.stdout, ctx.out, 0, {
      mode: opts.progress,
      env: ctx.io.env,
    });
    const started = session.polling.clock.now();
    const base = { ...session, progress, p: ctx.out, dryRun: false };
    const targets = await planDestroy(base, manifest);
    if (targets.length === 0) {
      if (opts.json) return ctx.printJson({ ok: true, durationMs: 0, stacks: [] });
      ctx.print(
        `No stacks of ${confirmNameOf(manifest)} in ${session.region}: nothing to destroy.`,
      );
      return;
    }
    const databases = await liveDatabases(
      session.cfn,
      // An empty stack has no deployed template to read (GetTemplate fails) and no database.
      targets.filter((t) => !t.empty).map((t) => t.stack.stackName),
    );
    printPlan(say, targets, databases, bootstrapStackName(manifest));
    refuseProtected(databases);
    // An environment's name is part of what is typed, so confirming staging cannot delete prod.
    const confirmName = confirmNameOf(manifest);
    if (!opts.yes) {
      const answer = await ask(
        ctx.io,
        `Type ${manifest.environment ? 'the project and environment' : 'the project name'} (${confirmName}) to delete these stacks: `,
      );
      if (answer !== confirmName)
        throw new StrataError('E_ABORTED', 'not confirmed; nothing was deleted');
    }
    const doneProgress = createProgress(
      opts.json ? ctx.io.stderr : ctx.io.stdout,
      ctx.out,
      targets.length,
      {
        mode: opts.progress,
        env: ctx.io.env,
      },
    );
    let stacks;
    try {
      stacks = await withInterrupt((signal) =>
        destroyAll({ ...base, progress: doneProgress, signal }, targets),
      );
    } finally {
      doneProgress.finish();
    }
    const durationMs = session.polling.clock.now() - started;
    if (opts.json) return ctx.printJson({ ok: true, durationMs, stacks });
    ctx.print(
      ctx.out.green(
        `Destroyed ${targets.length} stack${targets.length === 1 ? '' : 's'} of ${confirmNameOf(manifest)}.`,
      ),
    );
  });
};
