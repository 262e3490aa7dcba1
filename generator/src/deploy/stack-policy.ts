import type { StackApi } from '../aws/stack-api';
import { awsError } from '../aws/stacks';
import type { CfnTemplate } from '../cfn/yaml';

/**
 * Resource types whose replacement or deletion loses data: a stack holding one gets a stack policy
 * that refuses Update:Replace and Update:Delete on it (Takomo's `stackPolicy`, done for the user).
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DynamoDB::Table',
  'AWS::EFS::FileSystem',
]);

/** The logical ids of the stateful resources of a template, sorted. */
export function statefulResources(template: CfnTemplate | undefined): string[] {
  return Object.entries(template?.Resources ?? {})
    .filter(([, r]) => STATEFUL_TYPES.has(String((r as { Type?: unknown }).Type)))
    .map(([id]) => id)
    .sort();
}

/**
 * The stack policy: every update allowed, except replacing or deleting the protected resources
 * that are not in `allowed`. With nothing left to protect it allows everything.
 */
export function stackPolicy(
  protectedIds: readonly string[],
  allowed: readonly string[] = [],
): string {
  const denied = protectedIds.filter((id) => !allowed.includes(id));
  const statements: object[] = [
    { Effect: 'Allow', Action: 'Update:*', Principal: '*', Resource: '*' },
  ];
  if (denied.length > 0)
    statements.push({
      Effect: 'Deny',
      Action: ['Update:Replace', 'Update:Delete'],
      Principal: '*',
      Resource: denied.map((id) => `LogicalResourceId/${id}`),
    });
  return JSON.stringify({ Statement: statements });
}

/** Sets a stack's policy. */
export async function setStackPolicy(
  cfn: StackApi,
  stackName: string,
  body: string,
): Promise<void> {
  try {
    await cfn.setStackPolicy(stackName, body);
  } catch (error) {
    throw awsError(`SetStackPolicy ${stackName}`, error);
  }
}

/** What a stack deploy needs to know about its policy. */
export interface PolicyTarget {
  stackName: string;
  /** Stateful resources of the template: replacing or deleting them is denied. */
  protectedResources?: string[];
  /** Protected resources this deploy may replace or delete (`--allow-replace`). */
  allowReplace?: string[];
}

/**
 * Before an update: the policy for this deploy (the protected resources minus the allowed ones).
 * ExecuteChangeSet has no StackPolicyDuringUpdateBody, so the temporary policy is set, then restored.
 */
export async function policyBeforeUpdate(cfn: StackApi, t: PolicyTarget, stackId: string) {
  const guarded = t.protectedResources ?? [];
  if (guarded.length > 0)
    await setStackPolicy(cfn, stackId, stackPolicy(guarded, t.allowReplace ?? []));
}

/** After a create or an update that allowed a replacement: the full policy again. */
export async function policyAfter(
  cfn: StackApi,
  t: PolicyTarget,
  stackId: string,
  created: boolean,
): Promise<void> {
  const guarded = t.protectedResources ?? [];
  const relaxed = guarded.some((id) => (t.allowReplace ?? []).includes(id));
  if (guarded.length > 0 && (created || relaxed))
    await setStackPolicy(cfn, stackId, stackPolicy(guarded));
}
