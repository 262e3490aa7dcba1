import { ref, sub, yamlString, type Yaml } from '../cfn/intrinsics';
import type { Layer, LayerBase } from './types';

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

/**
 * Per-tier instance roles and profiles. IAM needs nothing from the VPC, and an instance profile is
 * one of the slowest resources to create (CloudFormation waits for IAM to propagate), so this stack
 * has no upstream and runs from the first second of a deploy, beside the network.
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
      statements: model.iam.statements.map((s) => ({
        actions: s.actions,
        resources: s.resources.map(arn),
      })),
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
      parameters: [],
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
