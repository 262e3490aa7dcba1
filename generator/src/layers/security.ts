import type { IngressRule } from '../model/topology';
import { getAtt } from '../cfn/intrinsics';
import { withName, type Layer, type LayerBase } from './types';

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

/** Security groups with their rules as separate resources (so groups can refer to each other). Roles live in the identity layer. */
export const securityLayer: Layer<SecurityData> = {
  name: 'security',
  partials: ['security-groups', 'ingress-rules'],
  applies: (model) => model.securityGroups.length > 0,
  toTemplateData(model) {
    const resources: Record<string, string> = {};
    for (const g of model.securityGroups) {
      resources[g.logicalId] = g.source;
      for (const r of g.ingress) resources[r.logicalId] = r.sourcePath;
    }
    return {
      layer: 'security',
      description: `${model.name} security: ${model.securityGroups.length} security groups`,
      parameters: [
        { name: 'VpcId', type: 'AWS::EC2::VPC::Id', description: 'The VPC (network stack)' },
      ],
      outputs: [
        ...model.securityGroups.map((g) => ({
          name: `${g.logicalId}Id`,
          value: getAtt(g.logicalId, 'GroupId'),
          description: `Security group ${g.name}`,
        })),
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
    };
  },
};
