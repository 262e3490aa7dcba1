import type { Polling } from '../aws/clock';
import type { StackApi } from '../aws/stack-api';
import { awsError, describeStack } from '../aws/stacks';
import { StrataError } from '../errors';
import type { Progress } from './progress';
import { eventsSoFar, watchStack } from './watch';

/** What `strata rollback` does to one stack, decided from its status. */
export type RollbackAction = 'continue-update-rollback' | 'rollback-stack' | 'none';

/** The outcome of rolling back one stack. */
export interface RollbackOutcome {
  stackName: string;
  action: RollbackAction;
  statusBefore: string;
  status: string;
  /** Resources ContinueUpdateRollback was told to skip (`--orphan`). */
  skipped: string[];
}

/**
 * UPDATE_ROLLBACK_FAILED takes ContinueUpdateRollback; a stack that failed with rollback disabled
 * (`deploy --no-rollback`: CREATE_FAILED, UPDATE_FAILED) takes RollbackStack; nothing else needs either.
 */
export function rollbackActionFor(status: string): RollbackAction {
  if (status === 'UPDATE_ROLLBACK_FAILED') return 'continue-update-rollback';
  if (status === 'CREATE_FAILED' || status === 'UPDATE_FAILED') return 'rollback-stack';
  return 'none';
}

/** Resources whose failure blocks the rollback (UPDATE_FAILED): the ones `--orphan` skips. */
export async function failedResources(cfn: StackApi, stackId: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const out = await cfn.listStackResources({ StackName: stackId, NextToken: token });
    for (const r of out.StackResourceSummaries ?? [])
      if (r.ResourceStatus === 'UPDATE_FAILED' && r.LogicalResourceId)
        ids.push(r.LogicalResourceId);
    token = out.NextToken;
  } while (token);
  return ids;
}

/** What rolling back needs. */
export interface RollbackContext {
  cfn: StackApi;
  polling: Polling;
  progress: Progress;
  orphan: boolean;
  signal?: AbortSignal;
}

async function start(ctx: RollbackContext, id: string, action: RollbackAction): Promise<string[]> {
  if (action === 'rollback-stack') {
    await ctx.cfn.rollbackStack(id);
    return [];
  }
  const skip = ctx.orphan ? await failedResources(ctx.cfn, id) : [];
  await ctx.cfn.continueUpdateRollback(id, skip);
  return skip;
}

/** Rolls back one stack if its status calls for it, and watches until it settles. */
export async function rollbackStack(
  ctx: RollbackContext,
  stackName: string,
): Promise<RollbackOutcome> {
  const info = await describeStack(ctx.cfn, stackName);
  if (!info) throw new StrataError('E_DEPLOY', `${stackName} does not exist`, 'run strata status');
  const action = rollbackActionFor(info.status);
  const base = { stackName, action, statusBefore: info.status, skipped: [] as string[] };
  if (action === 'none') return { ...base, status: info.status };
  const seen = await eventsSoFar(ctx.cfn, info.id);
  let skipped: string[];
  try {
    skipped = await start(ctx, info.id, action);
  } catch (error) {
    throw awsError(action === 'rollback-stack' ? 'RollbackStack' : 'ContinueUpdateRollback', error);
  }
  ctx.progress.started(stackName);
  const end = await watchStack(
    ctx.cfn,
    ctx.polling,
    { name: stackName, id: info.id },
    seen,
    (e) => ctx.progress.event(stackName, e),
    { signal: ctx.signal, statusBefore: info.status },
  );
  ctx.progress.done(stackName, end.status, true);
  return { ...base, skipped, status: end.status };
}
