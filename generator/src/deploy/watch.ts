import type { StackEvent } from '@aws-sdk/client-cloudformation';
import type { Polling } from '../aws/clock';
import type { StackApi } from '../aws/stack-api';
import { awsError, describeStack, newEvents } from '../aws/stacks';
import { StrataError } from '../errors';
import { isBusy } from './stack-status';

/** The resource whose failure started a rollback: the one to tell the user about. */
export interface FirstFailure {
  logicalId: string;
  type: string;
  status: string;
  reason: string;
}

/** How a watched operation ended. */
export interface WatchResult {
  status: string;
  stackReason?: string;
  firstFailure?: FirstFailure;
}

// Resources CloudFormation cancels because another one failed say so; they are consequences, not causes.
const CONSEQUENCE = /cancelled|canceled|rollback requested by user/i;

/** Event ids already on the stack, so that watching shows only what the next operation does. */
export async function eventsSoFar(cfn: StackApi, stackId: string): Promise<Set<string>> {
  try {
    const out = await cfn.describeStackEvents({ StackName: stackId });
    return new Set((out.StackEvents ?? []).map((e) => e.EventId ?? ''));
  } catch (error) {
    throw awsError(`DescribeStackEvents ${stackId}`, error);
  }
}

/** Picks the first failed resource event (oldest first), ignoring the stack's own and cancellations. */
export function firstFailure(events: StackEvent[], stackName: string): FirstFailure | undefined {
  for (const e of events) {
    const failed = (e.ResourceStatus ?? '').endsWith('_FAILED');
    const isStack =
      e.ResourceType === 'AWS::CloudFormation::Stack' &&
      (e.LogicalResourceId === stackName || e.PhysicalResourceId === e.StackId);
    if (failed && !isStack && !CONSEQUENCE.test(e.ResourceStatusReason ?? '')) {
      return {
        logicalId: e.LogicalResourceId ?? '?',
        type: e.ResourceType ?? '',
        status: e.ResourceStatus ?? '',
        reason: e.ResourceStatusReason ?? 'no reason given',
      };
    }
  }
  return undefined;
}

/** Thrown when the user presses Ctrl-C while strata watches: the operation itself goes on. */
export function stoppedWatching(stackName: string): StrataError {
  return new StrataError(
    'E_ABORTED',
    `stopped watching ${stackName}; the operation goes on in CloudFormation`,
    'run strata status to follow it',
    130,
  );
}

/** Polls a stack's events and status until no operation runs on it, reporting each new event. */
export async function watchStack(
  cfn: StackApi,
  polling: Polling,
  stack: { name: string; id: string },
  seen: Set<string>,
  onEvent: (event: StackEvent) => void,
  options: { signal?: AbortSignal; statusBefore?: string } = {},
): Promise<WatchResult> {
  const { signal, statusBefore } = options;
  const all: StackEvent[] = [];
  for (let poll = 0; ; poll++) {
    if (signal?.aborted) throw stoppedWatching(stack.name);
    const events = await newEvents(cfn, stack.id, seen).catch((error) => {
      throw awsError(`DescribeStackEvents ${stack.name}`, error);
    });
    for (const e of events) onEvent(e);
    all.push(...events);
    // By id, a deleted stack still answers DELETE_COMPLETE; by name it would be "does not exist".
    const info = await describeStack(cfn, stack.id);
    const status = info?.status ?? 'DELETE_COMPLETE';
    // Right after ExecuteChangeSet the stack may still show its old status for a moment; wait for the operation to show.
    const notStartedYet = status === statusBefore && all.length === 0 && poll < 12;
    if (!isBusy(status) && !notStartedYet)
      return { status, stackReason: info?.reason, firstFailure: firstFailure(all, stack.name) };
    await polling.clock.sleep(polling.intervalMs, signal);
  }
}
