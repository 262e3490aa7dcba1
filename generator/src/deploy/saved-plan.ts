import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeStack } from '../aws/stacks';
import { StrataError } from '../errors';
import type { Manifest } from '../manifest/read';
import { writeFileAtomic } from '../util/atomic';
import { execute, type StackDeployContext, type StackOutcome } from './deploy-stack';

/** Where `deploy --prepare` keeps its plans, relative to the project. */
export const PLANS_DIR = join('.strata', 'plans');

/** One kept change set and the state of its stack when it was made. */
export interface SavedStack {
  stackName: string;
  changeSetId: string;
  type: 'CREATE' | 'UPDATE';
  /** Stack status and LastUpdatedTime right after the change set was made: any operation since changes them. */
  status: string;
  lastUpdated?: string;
  terminationProtection: boolean;
  protectedResources: string[];
}

/** A plan made by `deploy --prepare`: its id and the change sets `deploy --execute <id>` runs. */
export interface SavedPlan {
  version: 1;
  id: string;
  project: string;
  region: string;
  createdAt: string;
  /** `--allow-replace` as given at prepare time: what the reviewed plan may replace. */
  allowReplace: string[];
  stacks: SavedStack[];
  /** When `deploy --execute` ran it: a plan runs once. */
  executedAt?: string;
}

/** A fresh plan id: sortable by time, unique enough for one project's plans. */
export function newPlanId(nowMs: number): string {
  const stamp = new Date(nowMs)
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Writes a plan to .strata/plans/<id>.json. */
export function savePlan(cwd: string, plan: SavedPlan): string {
  const path = join(cwd, PLANS_DIR, `${plan.id}.json`);
  writeFileAtomic(path, `${JSON.stringify(plan, null, 2)}\n`);
  return path;
}

/** Reads a saved plan; a clear error when there is none of that id. */
export function loadPlan(cwd: string, id: string): SavedPlan {
  const path = join(cwd, PLANS_DIR, `${id}.json`);
  if (!/^[\w-]+$/.test(id) || !existsSync(path))
    throw new StrataError(
      'E_USAGE',
      `no saved plan ${id} in ${PLANS_DIR}`,
      'strata deploy --prepare makes one and prints its id',
    );
  const plan = JSON.parse(readFileSync(path, 'utf8')) as SavedPlan;
  if (plan.executedAt)
    throw new StrataError(
      'E_STALE',
      `plan ${id} was executed at ${plan.executedAt}; a plan runs once`,
      'make a new plan with strata deploy --prepare',
    );
  return plan;
}

/** The manifest's named outputs (the site URL) as the stacks have them now, after an execute. */
export async function liveManifestOutputs(
  ctx: StackDeployContext,
  manifest: Manifest,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, ref] of Object.entries(manifest.outputs)) {
    const stack = manifest.stacks.find((s) => s.layer === ref.layer);
    const value = stack && (await describeStack(ctx.cfn, stack.stackName))?.outputs[ref.output];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The kept change sets of a prepare run, each with its stack's state now. */
export async function savedStacks(
  ctx: StackDeployContext,
  outcomes: StackOutcome[],
  protectedOf: (stackName: string) => {
    terminationProtection: boolean;
    protectedResources: string[];
  },
): Promise<SavedStack[]> {
  const kept = outcomes.filter((o) => o.changeSet);
  return Promise.all(
    kept.map(async (o) => {
      const info = await describeStack(ctx.cfn, o.stackName);
      return {
        stackName: o.stackName,
        changeSetId: o.changeSet!.id,
        type: o.changeSet!.type,
        status: info?.status ?? 'UNKNOWN',
        lastUpdated: info?.lastUpdated,
        ...protectedOf(o.stackName),
      };
    }),
  );
}

/** The kept change set, or undefined when CloudFormation no longer has it. */
async function describeKept(ctx: StackDeployContext, s: SavedStack) {
  try {
    // A sync throw (a mocked client) and a rejection both mean "gone"; hence await inside try.
    return await ctx.cfn.describeChangeSet({
      ChangeSetName: s.changeSetId,
      StackName: s.stackName,
    });
  } catch {
    return undefined;
  }
}

// What DescribeChangeSet shows for a NoEcho parameter: its value cannot be compared.
const MASKED = '****';

/**
 * The parameters of a kept change set that were filled from upstream outputs which have changed
 * since: the change set would deploy the old value (a replaced subnet, security group or endpoint).
 * Upstream stacks are read live, in the plan or not: a stack the plan left alone may still have
 * been redeployed since.
 */
async function staleInputs(
  ctx: StackDeployContext,
  manifest: Manifest,
  s: SavedStack,
  made: Array<{ ParameterKey?: string; ParameterValue?: string }>,
): Promise<string[]> {
  const stack = manifest.stacks.find((m) => m.stackName === s.stackName);
  const problems: string[] = [];
  for (const [key, src] of Object.entries(stack?.parameters ?? {})) {
    if (src.from !== 'output') continue;
    const was = made.find((p) => p.ParameterKey === key)?.ParameterValue;
    if (was === undefined || was === MASKED) continue;
    const upstream = manifest.stacks.find((m) => m.layer === src.layer);
    const info = upstream && (await describeStack(ctx.cfn, upstream.stackName));
    const now = info?.outputs[src.output];
    if (now !== was)
      problems.push(
        `${s.stackName}: parameter ${key} was planned as ${was} (output ${src.output} of ${upstream?.stackName ?? src.layer}), which is now ${now ?? 'gone'}`,
      );
  }
  return problems;
}

/** Every way the stacks moved on since the plan was made; empty when it can run as reviewed. */
export async function changedSince(
  ctx: StackDeployContext,
  plan: SavedPlan,
  manifest: Manifest,
): Promise<string[]> {
  const problems: string[] = [];
  for (const s of plan.stacks) {
    const info = await describeStack(ctx.cfn, s.stackName);
    if (!info) problems.push(`${s.stackName} no longer exists`);
    else if (info.status !== s.status || info.lastUpdated !== s.lastUpdated)
      problems.push(
        `${s.stackName} changed since the plan (${s.status} at ${s.lastUpdated ?? '?'}, now ${info.status} at ${info.lastUpdated ?? '?'})`,
      );
    else {
      const cs = await describeKept(ctx, s);
      if (!cs || cs.ExecutionStatus !== 'AVAILABLE')
        problems.push(
          `${s.stackName}: change set ${s.changeSetId} can no longer be executed (${cs?.ExecutionStatus ?? 'gone'})`,
        );
      else problems.push(...(await staleInputs(ctx, manifest, s, cs.Parameters ?? [])));
    }
  }
  return problems;
}

async function refuseStale(
  ctx: StackDeployContext,
  plan: SavedPlan,
  manifest: Manifest,
  s: SavedStack,
  done: StackOutcome[],
): Promise<void> {
  const cs = await describeKept(ctx, s);
  const problems = await staleInputs(ctx, manifest, s, cs?.Parameters ?? []);
  if (problems.length === 0) return;
  throw new StrataError(
    'E_STALE',
    `plan ${plan.id} stopped before ${s.stackName}: ${problems.join('; ')}`,
    `${done.map((o) => o.stackName).join(', ')} ${done.length === 1 ? 'was' : 'were'} executed; run strata deploy to deploy the rest with the new values`,
  );
}

/** Executes the plan's change sets one stack after another, in the plan's (dependency) order. */
export async function executePlan(
  ctx: StackDeployContext,
  plan: SavedPlan,
  manifest: Manifest,
): Promise<StackOutcome[]> {
  const outcomes: StackOutcome[] = [];
  for (const s of plan.stacks) {
    // An upstream stack executed just now may have new outputs the downstream change set predates.
    if (outcomes.length > 0) await refuseStale(ctx, plan, manifest, s, outcomes);
    const existing = s.type === 'UPDATE' ? await describeStack(ctx.cfn, s.stackName) : undefined;
    const stackId = existing?.id ?? (await describeStack(ctx.cfn, s.stackName))?.id ?? s.stackName;
    const started = ctx.polling.clock.now();
    const outcome = await execute(
      ctx,
      {
        stackName: s.stackName,
        parameters: [],
        tags: {},
        terminationProtection: s.terminationProtection,
        protectedResources: s.protectedResources,
        allowReplace: [],
      },
      { id: s.changeSetId, stackId, name: s.changeSetId, type: s.type, empty: false, changes: [] },
      existing,
    );
    outcomes.push({ ...outcome, durationMs: ctx.polling.clock.now() - started });
  }
  return outcomes;
}
