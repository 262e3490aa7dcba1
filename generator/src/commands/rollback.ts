import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession, withInterrupt } from '../aws/session';
import { createProgress, progressOption } from '../deploy/progress';
import { rollbackStack, type RollbackOutcome } from '../deploy/rollback';
import { paintStatus } from '../deploy/stack-status';
import { stackOf } from '../manifest/read';
import { ExitCode } from '../errors';

interface RollbackOptions extends AwsOptions {
  progress?: string;
  stack?: string;
  orphan?: boolean;
  json?: boolean;
}

function describe(o: RollbackOutcome, ctx: CliContext): string {
  const name = `  ${o.stackName.padEnd(28)}`;
  if (o.action === 'none')
    return `${name} ${ctx.out.dim(`nothing to roll back (${o.statusBefore})`)}`;
  const skipped = o.skipped.length ? ctx.out.yellow(` (skipped: ${o.skipped.join(', ')})`) : '';
  return `${name} ${o.statusBefore} → ${paintStatus(o.status, ctx.out)}${skipped}`;
}

/** `strata rollback`: unsticks stacks left in UPDATE_ROLLBACK_FAILED or failed with rollback off. */
export const registerRollback = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('rollback')
      .addOption(progressOption())
      .option('--stack <layer>', 'roll back only this layer (default: every stack that needs it)')
      .option(
        '--orphan',
        'skip the resources whose rollback failed (UPDATE_FAILED) so the rest can roll back; they are left as they are, outside the stack',
      )
      .option('--json', 'print the result as JSON'),
  ).action(async (opts: RollbackOptions) => {
    const session = await startSession(ctx, opts, { writes: true, json: opts.json });
    const names = opts.stack
      ? [stackOf(session.manifest, opts.stack).stackName]
      : session.manifest.stacks.map((s) => s.stackName);
    const progress = createProgress(
      opts.json ? ctx.io.stderr : ctx.io.stdout,
      ctx.out,
      names.length,
      {
        mode: opts.progress,
        env: ctx.io.env,
      },
    );
    let outcomes: RollbackOutcome[];
    try {
      // One at a time: a rollback is rare and each one deserves its own events.
      outcomes = await withInterrupt(async (signal) => {
        const done: RollbackOutcome[] = [];
        for (const name of names)
          done.push(
            await rollbackStack(
              { ...session, progress, orphan: opts.orphan === true, signal },
              name,
            ),
          );
        return done;
      });
    } finally {
      progress.finish();
    }
    // A rollback succeeds when the stack is back on its last good state (ROLLBACK_COMPLETE after a create).
    const failed = outcomes.filter(
      (o) => o.action !== 'none' && !/ROLLBACK_COMPLETE$/.test(o.status),
    );
    if (opts.json) ctx.printJson({ ok: failed.length === 0, stacks: outcomes });
    else {
      ctx.print(ctx.out.bold('Rollback'));
      for (const o of outcomes) ctx.print(describe(o, ctx));
      if (failed.some((o) => o.status === 'UPDATE_ROLLBACK_FAILED') && !opts.orphan)
        ctx.warn(
          ctx.err.yellow(
            'the rollback failed again: fix what blocks it, or run strata rollback --orphan to skip those resources',
          ),
        );
    }
    if (failed.length > 0) throw new ExitCode(1);
  });
};
