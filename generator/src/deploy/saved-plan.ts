import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeStack } from '../aws/stacks';
import { StrataError } from '../errors';
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
  return JSON.parse(readFileSync(path, 'utf8')) as SavedPlan;
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

/** Every way the stacks moved on since the plan was made; empty when it can run as reviewed. */
export async function changedSince(ctx: StackDeployContext, plan: SavedPlan): Promise<string[]> {
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
    }
  }
  return problems;
}

/** Executes the plan's change sets one stack after another, in the plan's (dependency) order. */
export async function executePlan(
  ctx: StackDeployContext,
  plan: SavedPlan,
): Promise<StackOutcome[]> {
  const outcomes: StackOutcome[] = [];
  for (const s of plan.stacks) {
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
