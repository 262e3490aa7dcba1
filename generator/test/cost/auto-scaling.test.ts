import { estimateCost } from '../../src/cost/estimate';
import { loadPriceTable } from '../../src/cost/prices';
import { costSourceOf, type CostSource } from '../../src/cost/source';
import type { CfnTemplate } from '../../src/cfn/yaml';
import { generateText, SEED_TEXT } from '../core/helpers';

// Auto-scaled tiers land in parallel: an ASG rendered from a launch template is priced at desired.
function withGroup(group: Record<string, unknown>): CostSource {
  const source = costSourceOf(generateText(SEED_TEXT));
  const compute = source.stacks.find((s) => s.layer === 'compute')!;
  const resources: CfnTemplate['Resources'] = {};
  for (const [id, r] of Object.entries(compute.template.Resources))
    if (r.Type !== 'AWS::EC2::Instance' || !id.startsWith('Frontend')) resources[id] = r;
  resources.FrontendGroup = { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: group };
  compute.template = { ...compute.template, Resources: resources };
  compute.resources = { ...compute.resources, FrontendGroup: 'tiers.frontend.scaling' };
  return source;
}

describe('auto-scaling groups', () => {
  const table = loadPriceTable();
  const launch = { LaunchTemplateId: { Ref: 'FrontendLaunchTemplate' }, Version: '1' };

  it('are priced at their desired capacity, with volumes and public addresses of their subnets', () => {
    const estimate = estimateCost(
      withGroup({
        MinSize: '1',
        MaxSize: '6',
        DesiredCapacity: '3',
        LaunchTemplate: launch,
        VPCZoneIdentifier: { Ref: 'PublicSubnetIds' },
      }),
      table,
    );
    const lines = estimate.lines.filter((l) => l.resource === 'FrontendGroup');
    expect(lines.map((l) => [l.item, l.monthlyUsd])).toEqual([
      ['3 × t3.micro', 22.78],
      ['3 × 8 GiB gp3 volume', 1.92],
      ['3 × public IPv4 address', 10.95],
    ]);
  });

  it('fall back to their minimum when no desired capacity is set', () => {
    const estimate = estimateCost(
      withGroup({
        MinSize: 2,
        MaxSize: 4,
        LaunchTemplate: launch,
        VPCZoneIdentifier: { Ref: 'PrivateSubnetIds' },
      }),
      table,
    );
    expect(estimate.lines.filter((l) => l.resource === 'FrontendGroup').map((l) => l.item)).toEqual(
      ['2 × t3.micro', '2 × 8 GiB gp3 volume'],
    );
  });
});
