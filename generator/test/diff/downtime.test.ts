import { downtime, type NowSides } from '../../src/diff/downtime';
import {
  noTotals,
  PLAN_SCHEMA_VERSION,
  type DiffReport,
  type ResourceChange,
} from '../../src/diff/model';
import type { CfnTemplate } from '../../src/cfn/yaml';

function reportOf(resources: ResourceChange[]): DiffReport {
  const stack = {
    layer: 'compute',
    stackName: 'p-compute',
    template: 'compute.yaml',
    status: 'changed' as const,
    resources,
    parameters: [],
    outputs: [],
    inputs: [],
    security: [],
    sections: [],
    totals: noTotals(),
  };
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    source: 'git',
    base: 'HEAD:out/',
    downtime: [],
    artifacts: [],
    stacks: [stack],
    totals: noTotals(),
    hasChanges: true,
  };
}

const change = (
  logicalId: string,
  type: string,
  impact: ResourceChange['impact'],
  topologyPath?: string,
): ResourceChange => ({
  logicalId,
  type,
  impact,
  properties: [{ path: 'InstanceType', effect: impact === 'interrupt' ? 'interrupt' : 'modify' }],
  causes: [],
  ...(topologyPath ? { topologyPath } : {}),
});

const sides = (template: CfnTemplate): NowSides =>
  new Map([
    [
      'compute',
      {
        template,
        scope: {
          stack: 'compute',
          resources: template.Resources,
          parameters: new Map(),
          renewed: () => false,
        },
      },
    ],
  ]);

describe('downtime', () => {
  const template: CfnTemplate = {
    Resources: {
      Web1: { Type: 'AWS::EC2::Instance' },
      Web2: { Type: 'AWS::EC2::Instance' },
      Tg: {
        Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        Properties: {
          HealthyThresholdCount: 3,
          HealthCheckIntervalSeconds: 10,
          Targets: [{ Id: { Ref: 'Web1' } }, { Id: { Ref: 'Web2' } }],
        },
      },
      Group: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        UpdatePolicy: { AutoScalingRollingUpdate: { MaxBatchSize: 1, MinInstancesInService: 2 } },
      },
    },
  };

  it('says a tier stopped and started all at once takes the site down until the health checks pass', () => {
    const r = reportOf([
      change('Web1', 'AWS::EC2::Instance', 'interrupt', 'tiers.web.count'),
      change('Web2', 'AWS::EC2::Instance', 'interrupt', 'tiers.web.count'),
    ]);
    expect(downtime(r, sides(template))).toEqual([
      'the web tier is stopped and started all at once (Web1, Web2): the site is down until they are running again and pass 3 health checks (10 s apart, so at least 30 s after boot)',
    ]);
  });

  it('says the site stays up when only some targets are replaced', () => {
    const r = reportOf([change('Web1', 'AWS::EC2::Instance', 'replace', 'tiers.web.count')]);
    expect(downtime(r, sides(template))[0]).toMatch(
      /^1 of 2 web instances is replaced: the site stays up on the others/,
    );
  });

  it('states an auto-scaling group rolling update as its policy says (the extension point for scaled tiers)', () => {
    const r = reportOf([change('Group', 'AWS::AutoScaling::AutoScalingGroup', 'modify')]);
    expect(downtime(r, sides(template))).toEqual([
      'Group is updated rolling, 1 at a time, never below 2 in service',
    ]);
  });

  it('says nothing when nothing disruptive happens', () => {
    expect(
      downtime(
        reportOf([change('Tg', 'AWS::ElasticLoadBalancingV2::TargetGroup', 'modify')]),
        sides(template),
      ),
    ).toEqual([]);
  });
});
