import { identityLayer } from '../../src/layers/identity';
import { securityLayer } from '../../src/layers/security';
import { model, tier } from './builders';

describe('security layer', () => {
  it('writes each ingress rule as its own resource, from a CIDR or another group', () => {
    const data = securityLayer.toTemplateData(model());
    expect(data.groups.map((g) => [g.logicalId, g.egressAll])).toEqual([
      ['WebSecurityGroup', true],
      ['AppSecurityGroup', true],
    ]);
    expect(data.ingress.map((r) => [r.group, r.fromPort, r.cidr, r.sourceGroup])).toEqual([
      ['WebSecurityGroup', 443, '0.0.0.0/0', undefined],
      ['AppSecurityGroup', 5001, undefined, 'WebSecurityGroup'],
    ]);
    expect(data.ingress[1].description).toBe('From web');
  });

  it('expands a subnet-group source into one rule per zone', () => {
    const data = securityLayer.toTemplateData(
      model({
        securityGroups: {
          web: {
            description: 'Web servers',
            ingress: [{ port: 22, from: { subnets: 'public' }, description: 'SSH' }],
          },
        },
      }),
    );
    expect(data.ingress.map((r) => [r.cidr, r.description])).toEqual([
      ['10.1.1.0/24', 'SSH (eu-west-1a)'],
      ['10.1.2.0/24', 'SSH (eu-west-1b)'],
    ]);
  });

  // Roles are the identity layer's: a stack with no upstream, so the slow instance profile starts at once.
  it('gives every tier a role and instance profile, offered as outputs', () => {
    expect(
      securityLayer.toTemplateData(model({ tiers: { shop: tier() } })).outputs.map((o) => o.name),
    ).toEqual(['WebSecurityGroupId', 'AppSecurityGroupId']);
    const data = identityLayer.toTemplateData(model({ tiers: { shop: tier() } }));
    expect(data.parameters).toEqual([]);
    expect(data.roles.map((r) => [r.logicalId, r.profileLogicalId, r.tier])).toEqual([
      ['ShopInstanceRole', 'ShopInstanceProfile', 'shop'],
    ]);
    expect(data.outputs.map((o) => o.name)).toEqual([
      'ShopInstanceRoleName',
      'ShopInstanceProfileName',
    ]);
    expect(data.resources.ShopInstanceRole).toBe('tiers.shop');
  });

  it('substitutes pseudo parameters in policy resources, and only there', () => {
    const data = identityLayer.toTemplateData(
      model({
        tiers: { shop: tier() },
        iam: {
          instancePolicy: [
            { actions: ['s3:GetObject'], resources: ['arn:${AWS::Partition}:s3:::shop/*'] },
            { actions: ['ec2:DescribeTags'], resources: ['*'] },
          ],
          managedPolicies: ['AmazonSSMManagedInstanceCore'],
        },
      }),
    );
    const [role] = data.roles;
    expect(role.statements.map((s) => s.resources)).toEqual([
      ['!Sub "arn:${AWS::Partition}:s3:::shop/*"'],
      ['"*"'],
    ]);
    expect(role.managedPolicyArns).toEqual([
      '!Sub "arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"',
    ]);
  });

  it('takes the VPC only when there are security groups', () => {
    expect(securityLayer.toTemplateData(model()).parameters.map((p) => p.name)).toEqual(['VpcId']);
    const noGroups = model({ securityGroups: {} });
    expect(securityLayer.applies(noGroups)).toBe(false);
  });
});
