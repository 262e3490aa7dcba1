import type { CliContext } from '../output/context';
import type { AwsOptions } from '../aws/options';
import { startSession } from '../aws/session';
import { deployedArtifacts } from './app-artifacts';
import { planSides, type PlanSides } from './build-plan';
import { changeSetReport } from './change-set-diff';
import { deployedArtifactKeys, deployedTemplates } from './deployed';
import type { DiffReport } from './model';
import { currentTemplates } from './sources';

/**
 * `strata diff --deployed` / `--change-set`: the plan against the live stacks' templates, with the apps
 * packaged now against the artifact keys the stacks were deployed with. With `--change-set`, the resource
 * verdicts are CloudFormation's own.
 */
export async function awsPlan(
  ctx: CliContext,
  file: string,
  opts: AwsOptions,
  changeSet: boolean,
  onSides?: (sides: PlanSides) => void,
): Promise<DiffReport> {
  const now = currentTemplates(ctx.io.cwd, file, opts.env);
  // A change set is a write: the account is checked first; the banner names where the plan looks.
  const session = await startSession(ctx, opts, {
    writes: changeSet,
    given: now.manifest,
    json: (opts as { json?: boolean }).json,
  });
  const base = await deployedTemplates(session.cfn, now.manifest!, (m) =>
    ctx.warn(ctx.err.yellow(m)),
  );
  const keys = await deployedArtifactKeys(session.cfn, now.manifest!);
  const artifacts = await deployedArtifacts(ctx.io.cwd, now.manifest!.apps, keys);
  // The deployed topology is unknown, so changes name where each resource comes from, not an edit.
  const label = `the deployed stacks in ${session.region}`;
  const sides: PlanSides = { now, base: { ...base, manifest: now.manifest }, artifacts };
  onSides?.(sides);
  const report = planSides(sides, 'deployed', label);
  if (!changeSet) return report;
  return changeSetReport(session, now, report, ctx.io.cwd, ctx.out);
}
