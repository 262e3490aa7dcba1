import type { AwsSession } from '../aws/session';
import { ask, createConfirm, requireTerminalOrYes } from '../deploy/confirm';
import { StrataError } from '../errors';
import type { CliContext } from '../output/context';
import {
  APPROVAL_LEVELS,
  deployPlan,
  replacedResources,
  riskyChanges,
  type ApprovalLevel,
} from '../diff/deploy-plan';
import { summaryLine } from '../diff/format';
import type { DiffReport } from '../diff/model';

/** The options of `strata deploy` that decide whether and how it asks. */
export interface GateOptions {
  requireApproval?: string;
  yes?: boolean;
  dryRun?: boolean;
  rollback?: boolean;
  allowReplace?: string[];
}

/** `--require-approval` checked; a usage error (exit 2) for anything else. */
export function approvalLevel(text: string | undefined): ApprovalLevel {
  const level = (text ?? 'broadening') as ApprovalLevel;
  if (APPROVAL_LEVELS.includes(level)) return level;
  throw new StrataError(
    'E_USAGE',
    `--require-approval ${text} is not one of ${APPROVAL_LEVELS.join(', ')}`,
    'e.g. --require-approval any-change',
    2,
  );
}

/** Refuses what the plan does that the options forbid: replacements under --no-rollback or a guarded resource. */
function refuseForbidden(plan: DiffReport, opts: GateOptions): void {
  const replaced = replacedResources(plan);
  if (opts.rollback === false && replaced.length > 0)
    throw new StrataError(
      'E_DEPLOY',
      `--no-rollback cannot be used when the plan replaces resources (${replaced.map((r) => r.logicalId).join(', ')}): a failed replacement would leave both copies`,
      'deploy without --no-rollback',
    );
  const allowed = opts.allowReplace ?? [];
  const guarded = plan.stacks.flatMap((s) =>
    s.resources
      .filter((r) => r.data && (r.impact === 'replace' || r.impact === 'remove'))
      .filter((r) => !allowed.includes(r.logicalId))
      .map((r) => `${s.stackName}/${r.logicalId}`),
  );
  if (guarded.length > 0)
    throw new StrataError(
      'E_DEPLOY',
      `the plan replaces or removes ${guarded.join(', ')}, which the stack policy denies`,
      `review with strata diff --deployed; if that is intended, deploy with --allow-replace ${guarded.map((g) => g.split('/')[1]).join(' ')}`,
    );
}

/** Prints what makes the deploy risky (first), then the plan's totals, and asks once. */
async function askBroadening(
  ctx: CliContext,
  plan: DiffReport,
  signal: AbortSignal,
): Promise<void> {
  const risky = riskyChanges(plan);
  if (risky.length === 0) {
    ctx.warn(
      ctx.err.dim('No change widens access or replaces data: deploying without a question.'),
    );
    return;
  }
  requireTerminalOrYes(
    ctx.io,
    false,
    'strata deploy',
    'review with strata diff --deployed, then run strata deploy --yes (or --require-approval never)',
  );
  ctx.warn(ctx.err.bold('This deploy needs approval:'));
  for (const r of risky) {
    const mark = r.kind === 'widens-access' ? ctx.err.red('! access') : ctx.err.red('! data');
    ctx.warn(`  ${mark} ${r.stackName}: ${r.description}`);
  }
  ctx.warn(summaryLine(plan));
  const answer = await ask(ctx.io, 'Deploy these changes? [y/N] ', signal);
  if (!/^y(es)?$/i.test(answer))
    throw new StrataError('E_ABORTED', 'not approved; nothing was deployed');
}

/**
 * Decides how the deploy asks: returns the per-stack confirm (any-change) or undefined, after asking
 * once for a broadening change, and refuses what the plan does that the options forbid.
 */
export async function gateDeploy(
  ctx: CliContext,
  session: AwsSession,
  opts: GateOptions,
  signal: AbortSignal,
): Promise<((question: string) => Promise<boolean>) | undefined> {
  const level = approvalLevel(opts.requireApproval);
  if (opts.dryRun) return undefined;
  // The guards hold with --yes too: the stack policy would refuse halfway through a deploy.
  const plan = await deployPlan(session.cfn, ctx.io.cwd, session.manifest, session.outDir);
  refuseForbidden(plan, opts);
  if (!opts.yes && level === 'broadening') await askBroadening(ctx, plan, signal);
  return opts.yes || level !== 'any-change' ? undefined : createConfirm(ctx.io, signal);
}
