import type { Parameter } from '@aws-sdk/client-cloudformation';
import type { StackApi } from '../aws/stack-api';
import type { Polling } from '../aws/clock';
import {
  deleteStack,
  describeStack,
  liveResources,
  setTerminationProtection,
  type StackInfo,
} from '../aws/stacks';
import { StrataError } from '../errors';
import type { Palette } from '../output/terminal';
import {
  createChangeSet,
  createStackDirectly,
  deleteChangeSet,
  executeChangeSet,
  type ChangeSet,
  type PlannedChange,
} from './change-set';
import { formatFailure, formatPlannedChanges, summarisePlannedChanges } from './format';
import type { Progress } from './progress';
import { isSuccess, paintStatus } from './stack-status';
import { actionsFor } from './status-actions';
import { CERTIFICATE_WAIT_MS, CertificateNotice } from './certificate-notice';
import { eventsSoFar, watchStack } from './watch';
import { policyAfter, policyBeforeUpdate, type PolicyTarget } from './stack-policy';

/**
 * `deploy --method`: `auto` creates a stack that does not exist yet with CreateStack and updates
 * through change sets; `change-set` uses a change set for new stacks too.
 */
export type DeployMethod = 'auto' | 'change-set';

/** The methods `--method` accepts. */
export const DEPLOY_METHODS: readonly DeployMethod[] = ['auto', 'change-set'];

/** What a deploy of one stack needs besides the stack itself. */
export interface StackDeployContext {
  cfn: StackApi;
  polling: Polling;
  progress: Progress;
  p: Palette;
  dryRun: boolean;
  /** Asks the user; undefined with --yes. Must never be called without a TTY. */
  confirm?: (question: string) => Promise<boolean>;
  signal?: AbortSignal;
  /** False for stacks outside the `[n/total stacks]` count (the bootstrap stack). */
  counted?: boolean;
  /** How long to wait for a certificate's DNS validation record (default CERTIFICATE_WAIT_MS). */
  certificateWaitMs?: number;
  /** `deploy --prepare`: create and show each change set, keep it for `deploy --execute`, run nothing. */
  prepare?: boolean;
  /** `deploy --no-rollback`: a failed resource leaves the stack as it is, for `strata rollback`. */
  disableRollback?: boolean;
  /** How a new stack is created (default `change-set`; the CLI's default is `auto`). */
  method?: DeployMethod;
}

/** One stack to deploy: its name, template, parameter values and the resources its policy guards. */
export interface StackTarget extends PolicyTarget {
  stackName: string;
  templateBody?: string;
  templateUrl?: string;
  parameters: Parameter[];
  terminationProtection: boolean;
  tags: Record<string, string>;
  /** Every resource of the template as an Add: what creating the stack directly does (`--method auto`). */
  creates?: PlannedChange[];
}

/** How a stack deploy ended. */
export interface StackOutcome {
  stackName: string;
  result:
    | 'created'
    | 'updated'
    | 'unchanged'
    | 'planned'
    | 'prepared'
    | 'declined'
    | 'skipped'
    | 'failed'
    | 'not-started';
  status: string;
  outputs: Record<string, string>;
  changes: PlannedChange[];
  /** Why a stack was skipped. */
  note?: string;
  /** The change set kept by `deploy --prepare`. */
  changeSet?: { id: string; type: 'CREATE' | 'UPDATE' };
  /** Wall time of this stack's part of the deploy (set by deployAll). */
  durationMs?: number;
}

/** A stack operation that failed in CloudFormation; carries the first failed resource's reason. */
export class DeployFailure extends StrataError {
  constructor(
    readonly stackName: string,
    readonly status: string,
    message: string,
  ) {
    super(
      'E_DEPLOY',
      message,
      `fix the cause, then run strata deploy again (strata status shows where each stack is)`,
    );
  }
}

/** Refuses stacks that are mid-operation or stuck, and clears an empty ROLLBACK_COMPLETE stack. Returns the stack still there. */
async function settle(
  ctx: StackDeployContext,
  target: StackTarget,
  info: StackInfo | undefined,
): Promise<StackInfo | undefined> {
  if (!info) return undefined;
  const { deploy, advice } = actionsFor(info.status);
  if (deploy === 'wait') {
    throw new StrataError(
      'E_DEPLOY',
      `${target.stackName} is mid-operation (${info.status}); strata will not start another one on top of it`,
      `${advice.replace(/<stack>/g, target.stackName)}; strata status shows when it has settled`,
    );
  }
  if (deploy === 'recreate') return clearRolledBack(ctx, target, info);
  if (deploy === 'refuse') {
    throw new StrataError(
      'E_DEPLOY',
      `${target.stackName} is ${info.status}${info.reason ? ` (${info.reason})` : ''}; CloudFormation cannot update it from there`,
      advice.replace(/<stack>/g, target.stackName),
    );
  }
  return info;
}

async function clearRolledBack(
  ctx: StackDeployContext,
  target: StackTarget,
  info: StackInfo,
): Promise<undefined> {
  const left = await liveResources(ctx.cfn, info.id);
  if (left.length > 0) {
    throw new StrataError(
      'E_DEPLOY',
      `${target.stackName} is ROLLBACK_COMPLETE but still holds ${left.join(', ')}`,
      'delete the stack yourself once you have checked those resources, then deploy again',
    );
  }
  const note = `${target.stackName} is ROLLBACK_COMPLETE after a failed create and holds no resources; CloudFormation cannot update it, so strata deletes it and creates it again`;
  if (ctx.dryRun || ctx.prepare) {
    ctx.progress.log(ctx.p.yellow(`${note} (not in a dry run)`));
    throw new StrataError(
      'E_DEPLOY',
      `${target.stackName}: a dry run cannot plan over a ROLLBACK_COMPLETE stack`,
      'run strata deploy without --dry-run to re-create it',
    );
  }
  ctx.progress.log(ctx.p.yellow(note));
  const seen = await eventsSoFar(ctx.cfn, info.id);
  await deleteStack(ctx.cfn, info.id);
  const done = await watchStack(
    ctx.cfn,
    ctx.polling,
    { name: target.stackName, id: info.id },
    seen,
    (e) => ctx.progress.event(target.stackName, e),
    { signal: ctx.signal },
  );
  if (done.status !== 'DELETE_COMPLETE')
    throw new DeployFailure(
      target.stackName,
      done.status,
      formatFailure(target.stackName, done.status, done.firstFailure, done.stackReason),
    );
  return undefined;
}

/** Removes a change set that will not run; for a CREATE change set also the empty REVIEW_IN_PROGRESS stack it made. */
export async function discardChangeSet(ctx: StackDeployContext, cs: ChangeSet): Promise<void> {
  await deleteChangeSet(ctx.cfn, cs.id);
  if (cs.type === 'CREATE') await deleteStack(ctx.cfn, cs.stackId);
}

function showChanges(ctx: StackDeployContext, stackName: string, cs: ChangeSet): void {
  const verb = cs.type === 'CREATE' ? 'create' : 'update';
  ctx.progress.log(
    `${ctx.p.bold(stackName)} change set (${verb}): ${summarisePlannedChanges(cs.changes)}`,
  );
  for (const line of formatPlannedChanges(cs.changes, ctx.p)) ctx.progress.log(line);
}

/**
 * Deploys one stack through a change set: settle, create the change set, show it, confirm, execute, watch.
 * An empty change set is a clean "no changes"; a failure throws with the first failed resource's reason.
 */
export async function deployStack(
  ctx: StackDeployContext,
  target: StackTarget,
): Promise<StackOutcome> {
  const existing = await settle(ctx, target, await describeStack(ctx.cfn, target.stackName));
  if (!existing && ctx.method === 'auto' && target.creates && !ctx.dryRun && !ctx.prepare)
    return createDirectly(ctx, target, target.creates);
  const type = !existing || existing.status === 'REVIEW_IN_PROGRESS' ? 'CREATE' : 'UPDATE';
  const cs = await createChangeSet(ctx.cfn, ctx.polling, { ...target, type });
  const base = { stackName: target.stackName, changes: cs.changes };
  if (cs.empty) {
    await deleteChangeSet(ctx.cfn, cs.id);
    if (!ctx.dryRun) await syncProtection(ctx, target, existing!);
    ctx.progress.settled(target.stackName, ctx.p.green('no changes'), ctx.counted !== false);
    return { ...base, result: 'unchanged', status: existing!.status, outputs: existing!.outputs };
  }
  showChanges(ctx, target.stackName, cs);
  if (ctx.dryRun) {
    await discardChangeSet(ctx, cs);
    ctx.progress.settled(
      target.stackName,
      ctx.p.dim('dry run: change set deleted'),
      ctx.counted !== false,
    );
    return {
      ...base,
      result: 'planned',
      status: existing?.status ?? 'NOT_DEPLOYED',
      outputs: existing?.outputs ?? {},
    };
  }
  if (ctx.prepare) {
    ctx.progress.settled(
      target.stackName,
      ctx.p.cyan(`change set kept: ${cs.name}`),
      ctx.counted !== false,
    );
    return {
      ...base,
      result: 'prepared',
      status: existing?.status ?? 'REVIEW_IN_PROGRESS',
      outputs: existing?.outputs ?? {},
      changeSet: { id: cs.id, type: cs.type },
    };
  }
  if (ctx.confirm) ctx.progress.suspend();
  if (ctx.confirm && !(await ctx.confirm(`Deploy these changes to ${target.stackName}?`))) {
    await discardChangeSet(ctx, cs);
    ctx.progress.settled(
      target.stackName,
      ctx.p.yellow('not deployed (change set deleted)'),
      ctx.counted !== false,
    );
    return {
      ...base,
      result: 'declined',
      status: existing?.status ?? 'NOT_DEPLOYED',
      outputs: existing?.outputs ?? {},
    };
  }
  return execute(ctx, target, cs, existing);
}

/** Executes a computed change set and watches it to the end (also `deploy --execute` of a kept one). */
export async function execute(
  ctx: StackDeployContext,
  target: StackTarget,
  cs: ChangeSet,
  existing: StackInfo | undefined,
): Promise<StackOutcome> {
  const seen = await eventsSoFar(ctx.cfn, cs.stackId);
  if (cs.type === 'UPDATE') await policyBeforeUpdate(ctx.cfn, target, cs.stackId);
  await executeChangeSet(ctx.cfn, cs, ctx.disableRollback === true);
  return follow(
    ctx,
    target,
    { id: cs.stackId, type: cs.type, changes: cs.changes },
    existing,
    seen,
  );
}

/** A new stack without a change set: show what it adds, confirm (any-change), CreateStack, watch. */
async function createDirectly(
  ctx: StackDeployContext,
  target: StackTarget,
  changes: PlannedChange[],
): Promise<StackOutcome> {
  ctx.progress.log(
    `${ctx.p.bold(target.stackName)} new stack, created directly: ${changes.length} to add`,
  );
  for (const line of formatPlannedChanges(changes, ctx.p)) ctx.progress.log(line);
  if (ctx.confirm) ctx.progress.suspend();
  if (ctx.confirm && !(await ctx.confirm(`Create ${target.stackName}?`))) {
    ctx.progress.settled(target.stackName, ctx.p.yellow('not created'), ctx.counted !== false);
    return {
      stackName: target.stackName,
      changes,
      result: 'declined',
      status: 'NOT_DEPLOYED',
      outputs: {},
    };
  }
  const id = await createStackDirectly(ctx.cfn, target, ctx.disableRollback === true);
  return follow(ctx, target, { id, type: 'CREATE', changes }, undefined, new Set());
}

/** Watches a started create or update to its end, then sets the stack policy and termination protection. */
async function follow(
  ctx: StackDeployContext,
  target: StackTarget,
  op: { id: string; type: 'CREATE' | 'UPDATE'; changes: PlannedChange[] },
  existing: StackInfo | undefined,
  seen: Set<string>,
): Promise<StackOutcome> {
  ctx.progress.started(target.stackName);
  const notice = new CertificateNotice(target.stackName, {
    log: (line) => ctx.progress.log(line),
    p: ctx.p,
    clock: ctx.polling.clock,
    waitMs: ctx.certificateWaitMs ?? CERTIFICATE_WAIT_MS,
    signal: ctx.signal,
  });
  const end = await watchStack(
    ctx.cfn,
    ctx.polling,
    { name: target.stackName, id: op.id },
    seen,
    (e) => {
      ctx.progress.event(target.stackName, e);
      notice.onEvent(e);
    },
    { signal: notice.signal, statusBefore: existing?.status ?? 'REVIEW_IN_PROGRESS' },
  )
    .catch((error: unknown) => {
      throw notice.explain(error);
    })
    .finally(() => notice.dispose());
  ctx.progress.done(target.stackName, end.status, ctx.counted !== false);
  // A failed create rolled back to nothing; anything else still stands and keeps its guard.
  if (isSuccess(end.status) || op.type === 'UPDATE')
    await policyAfter(ctx.cfn, target, op.id, op.type === 'CREATE');
  if (!isSuccess(end.status)) {
    throw new DeployFailure(
      target.stackName,
      end.status,
      formatFailure(target.stackName, end.status, end.firstFailure, end.stackReason),
    );
  }
  const after = await describeStack(ctx.cfn, op.id);
  if (after) await syncProtection(ctx, target, after);
  return {
    stackName: target.stackName,
    changes: op.changes,
    result: op.type === 'CREATE' ? 'created' : 'updated',
    status: end.status,
    outputs: after?.outputs ?? {},
  };
}

/** Termination protection is not part of a template; set it to what the topology asks for. */
async function syncProtection(
  ctx: StackDeployContext,
  target: StackTarget,
  info: StackInfo,
): Promise<void> {
  if (info.terminationProtection === target.terminationProtection) return;
  await setTerminationProtection(ctx.cfn, info.id, target.terminationProtection);
  ctx.progress.log(
    ctx.p.dim(
      `${target.stackName}: termination protection ${target.terminationProtection ? 'on' : 'off'}`,
    ),
  );
}

/** A one-line result for the summary at the end of a deploy. */
export function describeOutcome(o: StackOutcome, p: Palette): string {
  const looks = {
    created: ['created', 'green'],
    updated: ['updated', 'green'],
    unchanged: ['no changes', 'dim'],
    planned: ['planned', 'cyan'],
    prepared: ['prepared', 'cyan'],
    declined: ['not deployed', 'yellow'],
    skipped: ['skipped', 'yellow'],
    failed: ['failed', 'red'],
    'not-started': ['not started', 'dim'],
  } as const;
  const [word, colour] = looks[o.result];
  if (o.status === 'UNKNOWN') return `  ${o.stackName.padEnd(28)} ${p[colour](word)}`;
  return `  ${o.stackName.padEnd(28)} ${p[colour](word.padEnd(12))} ${paintStatus(o.status, p)}`;
}
