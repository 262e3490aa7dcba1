import type { Model } from '../../src/model/topology';
import { attachmentsOf } from '../../src/layers/attachments';
import { autoScalingData } from '../../src/layers/auto-scaling';
import { gatewaysLayer } from '../../src/layers/gateways';
import { identityLayer } from '../../src/layers/identity';
import { loadBalancerLayer } from '../../src/layers/load-balancer';
import { planLayers } from '../../src/layers/plan';
import { generateText, SEED_TEXT } from '../core/helpers';
import { AUTO_SCALING_FILE, AUTO_SCALING_TEXT } from './helpers';

// Layer functions on the normalised models of the seed and the fixture: pure data in, data out.
const seed: Model = generateText(SEED_TEXT).model;
const scaled: Model = generateText(AUTO_SCALING_TEXT, AUTO_SCALING_FILE).model;
const tier = (model: Model, name: string) => model.tiers.find((t) => t.name === name)!;

describe('auto-scaling data', () => {
  it('is absent for fixed tiers', () => {
    expect(autoScalingData(seed, tier(seed, 'backend'))).toBeUndefined();
  });

  it('keeps min in service, signals for the starting size and names its target groups', () => {
    const data = autoScalingData(scaled, tier(scaled, 'backend'))!;
    expect(data).toMatchObject({
      logicalId: 'BackendAutoScalingGroup',
      minSize: 2,
      maxSize: 6,
      desiredCapacity: undefined,
      signalCount: 2,
      minInstancesInService: 2,
      maxBatchSize: 1,
      hasSchedules: true,
      subnetsParam: 'PrivateSubnetIds',
      targetGroups: ['BackendInternalTargetGroup'],
      cpuPolicy: { logicalId: 'BackendCpuTargetTracking', targetValue: 50 },
    });
    expect(data.schedules.map((s) => [s.logicalId, s.recurrence, s.minSize])).toEqual([
      ['BackendScheduleBusinessHours', '0 7 * * MON-FRI', 3],
      ['BackendScheduleEvenings', '0 22 * * MON-FRI', 2],
    ]);
  });

  it('renders DesiredCapacity when nothing else sizes the group, and keeps one below max in service', () => {
    const model = structuredClone(scaled);
    const t = tier(model, 'frontend');
    t.autoScaling = {
      ...t.autoScaling!,
      targetCpuPercent: undefined,
      minSize: 3,
      maxSize: 3,
      desiredCapacity: 3,
      minInstancesInService: 2,
    };
    expect(autoScalingData(model, t)).toMatchObject({ desiredCapacity: 3, signalCount: 3 });
    expect(
      generateText(
        AUTO_SCALING_TEXT.replace('{ min: 2, max: 6, targetCpuPercent: 50 }', '{ min: 3, max: 3 }'),
        AUTO_SCALING_FILE,
      ).model.tiers[0].autoScaling!.minInstancesInService,
    ).toBe(2);
  });
});

describe('attachments', () => {
  it('fixed tiers register their instances; every listener gets a rule to its tier', () => {
    const a = attachmentsOf(seed);
    expect(a.targetGroups.map((g) => [g.logicalId, g.targets.map((t) => t.id)])).toEqual([
      ['FrontendTargetGroup', ['!Ref FrontendInstance1', '!Ref FrontendInstance2']],
    ]);
    expect(a.listenerRules).toEqual([
      {
        logicalId: 'HttpListener80Rule',
        listenerParam: 'HttpListener80Arn',
        targetGroup: 'FrontendTargetGroup',
      },
    ]);
    expect(a.parameters.map((p) => p.name)).toEqual(['VpcId', 'HttpListener80Arn']);
  });

  it('auto-scaled tiers leave Targets empty, internal listeners included', () => {
    const a = attachmentsOf(scaled);
    expect(a.targetGroups.map((g) => [g.logicalId, g.port, g.targets])).toEqual([
      ['FrontendTargetGroup', 5000, []],
      ['BackendInternalTargetGroup', 5001, []],
    ]);
    expect(a.listenerRules.map((r) => r.listenerParam)).toEqual([
      'HttpListener80Arn',
      'BackendHttpListener80Arn',
    ]);
  });
});

describe('the re-cut layers', () => {
  it('identity needs nothing; gateways needs the network only', () => {
    expect(identityLayer.toTemplateData(seed).parameters).toEqual([]);
    const gateways = gatewaysLayer.toTemplateData(seed);
    expect(gateways.parameters.map((p) => p.name)).toEqual([
      'VpcId',
      'PublicSubnetIds',
      'PublicRouteTableId',
      'PrivateRouteTableAId',
      'PrivateRouteTableBId',
      'DatabaseRouteTableAId',
      'DatabaseRouteTableBId',
    ]);
  });

  it('the load balancers take nothing from compute, and wait for the gateways when internet-facing', () => {
    const lb = loadBalancerLayer.toTemplateData(scaled);
    expect(lb.parameters.map((p) => p.name)).toEqual([
      'PublicSubnetIds',
      'AlbSecurityGroupId',
      'PrivateSubnetIds',
      'BackendLbSecurityGroupId',
    ]);
    expect(lb.waitsFor).toEqual([expect.objectContaining({ layer: 'gateways' })]);
    expect(lb.internalAlbs.map((a) => [a.logicalId, a.scheme])).toEqual([
      ['BackendLoadBalancer', 'internal'],
    ]);
  });

  it('a topology without gateways drops the waits instead of failing', () => {
    const model = structuredClone(seed);
    model.network.groups = model.network.groups.map((g) => ({
      ...g,
      routing: 'isolated' as const,
    }));
    model.network.natGateways = 'none';
    model.loadBalancer = { ...model.loadBalancer!, scheme: 'internal' };
    const planned = planLayers(model);
    expect(planned.map((p) => p.layer.name)).not.toContain('gateways');
    expect(planned.find((p) => p.layer.name === 'compute')!.dependsOn).not.toContain('gateways');
  });
});
