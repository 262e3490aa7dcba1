import type { IngressRule, Model, Tier } from '../model/topology';
import { getAtt, ref, sub, yamlString, type Yaml } from '../cfn/intrinsics';
import { logGroupOutputs } from './logs';
import { withName, type Layer, type LayerBase, type Parameter } from './types';

type Tags = Array<{ key: string; value: string }>;

/** One ingress rule as the template writes it. */
interface IngressData {
  logicalId: string;
  group: string;
  protocol: string;
  fromPort: number;
  toPort: number;
  description: string;
  cidr?: string;
  sourceGroup?: string;
}

/** Template data of the security layer. */
export interface SecurityData extends LayerBase {
  groups: Array<{ logicalId: string; description: string; egressAll: boolean; tags: Tags }>;
  ingress: IngressData[];
  roles: Array<{
    logicalId: string;
    profileLogicalId: string;
    tier: string;
    managedPolicyArns: Yaml[];
    statements: Array<{ actions: string[]; resources: Yaml[] }>;
  }>;
}

function ingressOf(groupLogicalId: string, rule: IngressRule): IngressData {
  const base = {
    logicalId: rule.logicalId,
    group: groupLogicalId,
    protocol: rule.protocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    cidr: undefined,
    sourceGroup: undefined,
  };
  switch (rule.source.kind) {
    case 'cidr':
      return {
        ...base,
        cidr: rule.source.cidr,
        description: rule.description || `From ${rule.source.cidr}`,
      };
    case 'subnet':
      return {
        ...base,
        cidr: rule.source.subnet.cidr,
        description: rule.description
          ? `${rule.description} (${rule.source.subnet.zone.name})`
          : `From ${rule.source.group} subnet in ${rule.source.subnet.zone.name}`,
      };
    case 'group':
      return {
        ...base,
        sourceGroup: `${rule.source.groupId}SecurityGroup`,
        description: rule.description || `From ${rule.source.group}`,
      };
  }
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

/** Security groups with their rules as separate resources (so groups can refer to each other), and per-tier roles. */
export const securityLayer: Layer<SecurityData> = {
  name: 'security',
  partials: ['security-groups', 'ingress-rules', 'instance-roles'],
  applies: (model) => model.securityGroups.length > 0 || model.tiers.length > 0,
  toTemplateData(model) {
    const resources: Record<string, string> = {};
    for (const g of model.securityGroups) {
      resources[g.logicalId] = g.source;
      for (const r of g.ingress) resources[r.logicalId] = r.sourcePath;
    }
    const roles = model.tiers.map((tier) => ({
      logicalId: `${tier.id}InstanceRole`,
      profileLogicalId: `${tier.id}InstanceProfile`,
      tier: tier.name,
      managedPolicyArns: model.iam.managedPolicies.map((p) =>
        sub(`arn:\${AWS::Partition}:iam::aws:policy/${p}`),
      ),
      statements: statementsOf(model, tier),
    }));
    for (const role of roles)
      Object.assign(resources, {
        [role.logicalId]: `tiers.${role.tier}`,
        [role.profileLogicalId]: `tiers.${role.tier}`,
      });
    return {
      layer: 'security',
      description: `${model.name} security: ${model.securityGroups.length} security groups and ${roles.length} instance roles`,
      parameters: [
        ...(model.securityGroups.length
          ? [{ name: 'VpcId', type: 'AWS::EC2::VPC::Id', description: 'The VPC (network stack)' }]
          : []),
        ...logParameters(model),
      ],
      outputs: [
        ...model.securityGroups.map((g) => ({
          name: `${g.logicalId}Id`,
          value: getAtt(g.logicalId, 'GroupId'),
          description: `Security group ${g.name}`,
        })),
        ...roles.flatMap((r) => [
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
      ],
      resources,
      tags: model.tags,
      groups: model.securityGroups.map((g) => ({
        logicalId: g.logicalId,
        description: g.description,
        egressAll: g.egress === 'all',
        tags: withName(model, `${model.name}-${g.name}`),
      })),
      ingress: model.securityGroups.flatMap((g) => g.ingress.map((r) => ingressOf(g.logicalId, r))),
      roles,
    };
  },
};
