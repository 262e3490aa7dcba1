import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsSession } from '../aws/session';
import { parseCfnYaml } from '../cfn/yaml';
import { ask, requireTerminalOrYes } from '../deploy/confirm';
import type { DeployAllContext, DeployReport } from '../deploy/deploy-all';
import { deployAll } from '../deploy/deploy-all';
import {
  changedSince,
  executePlan,
  liveManifestOutputs,
  loadPlan,
  newPlanId,
  PLANS_DIR,
  savedStacks,
  savePlan,
} from '../deploy/saved-plan';
import { statefulResources } from '../deploy/stack-policy';
import { StrataError } from '../errors';
import type { CliContext } from '../output/context';

/** `deploy --prepare`: every stack's change set made, shown and kept; the plan saved under an id. */
export async function prepareDeploy(
  ctx: CliContext,
  session: AwsSession,
  run: DeployAllContext,
  layer: string | undefined,
): Promise<DeployReport & { planId?: string }> {
  const { manifest } = session;
  const report = await deployAll({ ...run, prepare: true }, manifest, layer);
  if (report.failure) return report;
  const protectedOf = (stackName: string) => {
    const stack = manifest.stacks.find((s) => s.stackName === stackName)!;
    const text = readFileSync(join(ctx.io.cwd, run.outDir, stack.template), 'utf8');
    return {
      terminationProtection: stack.terminationProtection,
      protectedResources: statefulResources(parseCfnYaml(text)),
    };
  };
  const stacks = await savedStacks(run, report.outcomes, protectedOf);
  if (stacks.length === 0) return report;
  const now = session.polling.clock.now();
  const id = newPlanId(now);
  savePlan(ctx.io.cwd, {
    version: 1,
    id,
    project: manifest.project,
    region: session.region,
    createdAt: new Date(now).toISOString(),
    allowReplace: run.allowReplace ?? [],
    stacks,
  });
  return { ...report, planId: id };
}

/** `deploy --execute <id>`: the kept change sets, refused whole if any stack moved on since. */
export async function executeSaved(
  ctx: CliContext,
  session: AwsSession,
  run: DeployAllContext,
  id: string,
  yes: boolean,
): Promise<DeployReport> {
  const plan = loadPlan(ctx.io.cwd, id);
  if (plan.region !== session.region || plan.project !== session.manifest.project)
    throw new StrataError(
      'E_USAGE',
      `plan ${id} is for ${plan.project} in ${plan.region}, not ${session.manifest.project} in ${session.region}`,
    );
  const problems = await changedSince(run, plan, session.manifest);
  if (problems.length > 0)
    throw new StrataError(
      'E_STALE',
      `plan ${id} cannot be executed as reviewed: ${problems.join('; ')}`,
      'make a new plan with strata deploy --prepare',
    );
  if (!yes) {
    requireTerminalOrYes(
      ctx.io,
      false,
      'strata deploy --execute',
      `run strata deploy --execute ${id} --yes`,
    );
    const names = plan.stacks.map((s) => s.stackName).join(', ');
    const answer = await ask(ctx.io, `Execute plan ${id} (${names})? [y/N] `, run.signal);
    if (!/^y(es)?$/i.test(answer))
      throw new StrataError('E_ABORTED', 'not approved; nothing was executed');
  }
  // Marked before the first change set runs: a second --execute after a failure half-way must not
  // pass the checks by accident (the executed stacks changed, but one left alone might not have).
  savePlan(ctx.io.cwd, {
    ...plan,
    executedAt: new Date(session.polling.clock.now()).toISOString(),
  });
  try {
    const outcomes = await executePlan(run, plan, session.manifest);
    return { outcomes, outputs: await liveManifestOutputs(run, session.manifest) };
  } catch (error) {
    return { outcomes: [], outputs: {}, failure: error };
  }
}

/** Where a plan is kept, for the message after --prepare. */
export const planPath = (id: string): string => join(PLANS_DIR, `${id}.json`);
