import {
  deleteStack,
  describeStack,
  setTerminationProtection,
  type StackInfo,
} from '../aws/stacks';
import { StrataError } from '../errors';
import { DeployFailure, type StackDeployContext } from './deploy-stack';
import { formatFailure } from './format';
import type { Manifest, ManifestStack } from '../manifest/read';
import { runInDependencyOrder } from './schedule';
import { actionsFor } from './status-actions';
import { eventsSoFar, watchStack } from './watch';

/** A live stack that destroy will delete. */
export interface DestroyTarget {
  stack: ManifestStack;
  info: StackInfo;
  /** Holds no resources (REVIEW_IN_PROGRESS, ROLLBACK_COMPLETE): no template to read, nothing to protect. */
  empty: boolean;
}

/** The manifest's stacks that exist, newest layer first; refuses if any is mid-operation, before anything is deleted. */
export async function planDestroy(
  ctx: StackDeployContext,
  manifest: Manifest,
): Promise<DestroyTarget[]> {
  const targets: DestroyTarget[] = [];
  for (const stack of [...manifest.stacks].reverse()) {
    const info = await describeStack(ctx.cfn, stack.stackName);
    const action = actionsFor(info?.status ?? 'NOT_DEPLOYED');
    if (!info || action.destroy === 'skip') continue;
    if (action.destroy === 'wait') {
      throw new StrataError(
        'E_DEPLOY',
        `${stack.stackName} is mid-operation (${info.status}); nothing was deleted`,
        `${action.advice}, then run strata destroy again`,
      );
    }
    targets.push({ stack, info, empty: action.destroy === 'delete-empty' });
  }
  return targets;
}

async function destroyOne(
  ctx: StackDeployContext,
  { stack, info }: DestroyTarget,
): Promise<string> {
  if (info.terminationProtection) {
    await setTerminationProtection(ctx.cfn, info.id, false);
    ctx.progress.log(ctx.p.dim(`${stack.stackName}: termination protection off`));
  }
  const seen = await eventsSoFar(ctx.cfn, info.id);
  await deleteStack(ctx.cfn, info.id);
  ctx.progress.started(stack.stackName);
  const end = await watchStack(
    ctx.cfn,
    ctx.polling,
    { name: stack.stackName, id: info.id },
    seen,
    (e) => ctx.progress.event(stack.stackName, e),
    { signal: ctx.signal, statusBefore: info.status },
  );
  ctx.progress.done(stack.stackName, end.status);
  if (end.status !== 'DELETE_COMPLETE')
    throw new DeployFailure(
      stack.stackName,
      end.status,
      formatFailure(stack.stackName, end.status, end.firstFailure, end.stackReason),
    );
  return end.status;
}

/**
 * Deletes the planned stacks in reverse dependency order: a stack goes once every stack that uses its outputs is
 * gone, so independent ones are deleted in parallel.
 */
export async function destroyAll(
  ctx: StackDeployContext,
  targets: DestroyTarget[],
): Promise<DestroyOutcome[]> {
  const layers = new Set(targets.map((t) => t.stack.layer));
  const reversed = targets.map((t) => ({
    ...t,
    layer: t.stack.layer,
    // Reverse the edges: wait for the dependents, not the dependencies.
    dependsOn: targets
      .filter((o) => o.stack.dependsOn.includes(t.stack.layer) && layers.has(o.stack.layer))
      .map((o) => o.stack.layer),
  }));
  const now = () => ctx.polling.clock.now();
  return runInDependencyOrder(reversed, async (t) => {
    const start = now();
    const status = await destroyOne(ctx, t);
    return { stackName: t.stack.stackName, status, durationMs: now() - start };
  });
}

/** How the delete of one stack ended, for `destroy --json`. */
export interface DestroyOutcome {
  stackName: string;
  status: string;
  durationMs: number;
}
