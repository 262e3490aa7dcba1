import type { Model, Tier } from '../model/topology';
import { ref, sub, yamlString, type Yaml } from '../cfn/intrinsics';
import { logGroupOutputs } from './logs';
import type { Layer, LayerBase, Parameter } from './types';

/** Template data of the identity layer. */
export interface IdentityData extends LayerBase {
  roles: Array<{
    logicalId: string;
    profileLogicalId: string;
    tier: string;
    managedPolicyArns: Yaml[];
    statements: Array<{ actions: string[]; resources: Yaml[] }>;
  }>;
}

/** A resource ARN from the topology, with `${AWS::...}` pseudo parameters substituted when present. */
function arn(resource: string): Yaml {
  return resource.includes('${') ? sub(resource) : yamlString(resource);
}

/** What the CloudWatch agent needs to write to one existing log group. */
const LOG_WRITE_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'];

/**
 * A tier's statements. With monitoring on, its log group exists before the instances, so the
 * topology's `logs:` grants (the seed's `log-group:*`) give way to writes to that one group.
 */
function statementsOf(model: Model, tier: Tier): Array<{ actions: string[]; resources: Yaml[] }> {
  const own = model.iam.statements.map((s) => ({
    actions: s.actions,
    resources: s.resources.map(arn),
  }));
  if (!model.monitoring) return own;
  const rest = own
    .map((s) => ({ ...s, actions: s.actions.filter((a) => !a.startsWith('logs:')) }))
    .filter((s) => s.actions.length > 0);
  return [...rest, { actions: LOG_WRITE_ACTIONS, resources: [ref(logGroupOutputs(tier.id).arn)] }];
}

function logParameters(model: Model): Parameter[] {
  if (!model.monitoring) return [];
  return model.tiers.map((t) => ({
    name: logGroupOutputs(t.id).arn,
    type: 'String',
    description: `Log group of the ${t.name} tier (logs stack)`,
  }));
}

/**
 * Per-tier instance roles and profiles. IAM needs nothing from the VPC, and an instance profile is
 * one of the slowest resources to create (CloudFormation waits for IAM to propagate), so this stack
 * needs no network and runs from the first seconds of a deploy (after the logs stack, when
 * monitoring names each tier's log group).
 */
export const identityLayer: Layer<IdentityData> = {
  name: 'identity',
  partials: ['instance-roles'],
  applies: (model) => model.tiers.length > 0,
  toTemplateData(model) {
    const roles = model.tiers.map((tier) => ({
      logicalId: `${tier.id}InstanceRole`,
      profileLogicalId: `${tier.id}InstanceProfile`,
      tier: tier.name,
      managedPolicyArns: model.iam.managedPolicies.map((p) =>
        sub(`arn:\${AWS::Partition}:iam::aws:policy/${p}`),
      ),
      statements: statementsOf(model, tier),
    }));
    const resources: Record<string, string> = {};
    for (const role of roles)
      Object.assign(resources, {
        [role.logicalId]: `tiers.${role.tier}`,
        [role.profileLogicalId]: `tiers.${role.tier}`,
      });
    return {
      layer: 'identity',
      description: `${model.name} identity: ${roles.length} instance roles`,
      parameters: logParameters(model),
      outputs: roles.flatMap((r) => [
        {
          name: `${r.logicalId}Name`,
          value: ref(r.logicalId),
          description: `Role of the ${r.tier} instances`,
        },
        {
          name: `${r.profileLogicalId}Name`,
          value: ref(r.profileLogicalId),
          description: `Instance profile of the ${r.tier} instances`,
        },
      ]),
      resources,
      tags: model.tags,
      roles,
    };
  },
};
