import type { DescribeChangeSetCommandOutput, Parameter } from '@aws-sdk/client-cloudformation';
import type { Polling } from '../aws/clock';
import type { StackApi } from '../aws/stack-api';
import { awsError, deleteStack } from '../aws/stacks';
import { StrataError } from '../errors';

/** One resource change CloudFormation plans, as printed before a deploy. */
export interface PlannedChange {
  action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic';
  logicalId: string;
  type: string;
  /** CloudFormation's own verdict: True, False or Conditional (only for Modify). */
  replacement?: 'True' | 'False' | 'Conditional';
  /** Properties whose change CloudFormation lists, with whether each requires recreation. */
  properties: { name: string; recreation?: string }[];
}

/** A created change set: its id and what it would do; `empty` when there is nothing to do. */
export interface ChangeSet {
  id: string;
  stackId: string;
  name: string;
  type: 'CREATE' | 'UPDATE';
  empty: boolean;
  changes: PlannedChange[];
}

/** What to put in a change set. */
export interface ChangeSetRequest {
  stackName: string;
  type: 'CREATE' | 'UPDATE';
  templateBody?: string;
  templateUrl?: string;
  parameters: Parameter[];
  tags: Record<string, string>;
}

// The layers create IAM roles with fixed names; CloudFormation refuses without both capabilities.
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const;

// CloudFormation reports "nothing to change" as a FAILED change set with one of these reasons.
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

/** What CreateChangeSet and CreateStack are both given: the stack, its template, parameters and tags. */
function stackInput(req: Omit<ChangeSetRequest, 'type'>) {
  return {
    StackName: req.stackName,
    TemplateBody: req.templateBody,
    TemplateURL: req.templateUrl,
    Parameters: req.parameters,
    Capabilities: [...CAPABILITIES],
    Tags: Object.entries(req.tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

/** Creates a change set and waits until CloudFormation has computed it. */
export async function createChangeSet(
  cfn: StackApi,
  polling: Polling,
  req: ChangeSetRequest,
): Promise<ChangeSet> {
  const name = `strata-${new Date(polling.clock.now())
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14)}`;
  let created;
  try {
    created = await cfn.createChangeSet({
      ...stackInput(req),
      ChangeSetName: name,
      ChangeSetType: req.type,
      Description: 'created by strata deploy',
    });
  } catch (error) {
    throw awsError(`CreateChangeSet ${req.stackName}`, error);
  }
  const id = created.Id ?? name;
  const pages = await waitForChangeSet(cfn, polling, id, req.stackName).catch(async (error) => {
    // A rejected CREATE change set leaves an empty REVIEW_IN_PROGRESS stack behind; remove it too.
    if (req.type === 'CREATE' && created.StackId)
      await deleteStack(cfn, created.StackId).catch(() => undefined);
    throw error;
  });
  const first = pages[0];
  const empty = first.Status === 'FAILED';
  return {
    id,
    stackId: created.StackId ?? first.StackId ?? req.stackName,
    name,
    type: req.type,
    empty,
    changes: empty ? [] : pages.flatMap(toPlannedChanges),
  };
}

/**
 * Creates a stack that does not exist yet in one call, as `cdk deploy --method=direct` does: a change
 * set of a new stack can only list every resource as Add, so computing one costs time (about 15 s
 * per stack, on every stack of the deploy's critical path) and shows nothing the template does not.
 * Returns the new stack's id.
 */
export async function createStackDirectly(
  cfn: StackApi,
  req: Omit<ChangeSetRequest, 'type'>,
  disableRollback = false,
): Promise<string> {
  try {
    const created = await cfn.createStack({
      ...stackInput(req),
      ...(disableRollback ? { DisableRollback: true } : {}),
    });
    return created.StackId ?? req.stackName;
  } catch (error) {
    throw awsError(`CreateStack ${req.stackName}`, error);
  }
}

/** What creating a stack adds: every resource of its template, in template order. */
export function creationChanges(resources: Record<string, { Type?: unknown }>): PlannedChange[] {
  return Object.entries(resources).map(([logicalId, r]) => ({
    action: 'Add',
    logicalId,
    type: typeof r.Type === 'string' ? r.Type : '',
    properties: [],
  }));
}

/** Polls until the change set is computed; returns every page of it. Fails unless the failure means "no changes". */
async function waitForChangeSet(
  cfn: StackApi,
  polling: Polling,
  id: string,
  stackName: string,
): Promise<DescribeChangeSetCommandOutput[]> {
  for (;;) {
    const pages = await describeAllPages(cfn, id, stackName);
    const { Status: status, StatusReason: reason } = pages[0];
    if (status === 'CREATE_COMPLETE') return pages;
    if (status === 'FAILED') {
      if (NO_CHANGES.test(reason ?? '')) return pages;
      await deleteChangeSet(cfn, id).catch(() => undefined);
      throw new StrataError(
        'E_DEPLOY',
        `${stackName}: CloudFormation rejected the change set: ${reason ?? 'no reason given'}`,
        'fix the template (strata generate --check) and deploy again',
      );
    }
    await polling.clock.sleep(polling.intervalMs);
  }
}

async function describeAllPages(
  cfn: StackApi,
  id: string,
  stackName: string,
): Promise<DescribeChangeSetCommandOutput[]> {
  const pages: DescribeChangeSetCommandOutput[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await cfn.describeChangeSet({
        ChangeSetName: id,
        StackName: stackName,
        NextToken: token,
      });
      pages.push(page);
      token = page.NextToken;
    } while (token);
  } catch (error) {
    throw awsError(`DescribeChangeSet ${stackName}`, error);
  }
  return pages;
}

/** The resource changes of one DescribeChangeSet page. */
export function toPlannedChanges(page: DescribeChangeSetCommandOutput): PlannedChange[] {
  return (page.Changes ?? []).flatMap((c) => {
    const r = c.ResourceChange;
    if (!r?.LogicalResourceId) return [];
    return [
      {
        action: (r.Action ?? 'Modify') as PlannedChange['action'],
        logicalId: r.LogicalResourceId,
        type: r.ResourceType ?? '',
        replacement:
          r.Action === 'Modify' ? (r.Replacement as PlannedChange['replacement']) : undefined,
        properties: (r.Details ?? [])
          .filter((d) => d.Target?.Name)
          .map((d) => ({ name: d.Target!.Name!, recreation: d.Target!.RequiresRecreation })),
      },
    ];
  });
}

/** Starts executing a computed change set. */
export async function executeChangeSet(
  cfn: StackApi,
  cs: ChangeSet,
  disableRollback = false,
): Promise<void> {
  try {
    await cfn.executeChangeSet(cs.id, disableRollback);
  } catch (error) {
    throw awsError('ExecuteChangeSet', error);
  }
}

/** Deletes a change set that will not be executed. */
export async function deleteChangeSet(cfn: StackApi, id: string): Promise<void> {
  try {
    await cfn.deleteChangeSet(id);
  } catch (error) {
    throw awsError('DeleteChangeSet', error);
  }
}
