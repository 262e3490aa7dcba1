import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnTemplate } from '../../src/cfn/yaml';
import { generateText, ROOT, userDataOf } from '../core/helpers';
import { AUTO_SCALING_FILE, AUTO_SCALING_TEXT, fixtureWith } from './helpers';

const OUT = join(ROOT, 'generator/test/fixtures/auto-scaling/out');
const generated = generateText(AUTO_SCALING_TEXT, AUTO_SCALING_FILE);
const t = (layer: string): CfnTemplate => generated.templates.get(`${layer}.yaml`)!;
const resource = (layer: string, id: string) => t(layer).Resources[id];

describe('the auto-scaling fixture', () => {
  it('matches its golden output (refresh: strata generate <fixture> --out <fixture dir>/out)', () => {
    expect(readdirSync(OUT).sort()).toEqual([...generated.files.keys()].sort());
    for (const [name, text] of generated.files)
      expect(`${name}:\n${readFileSync(join(OUT, name), 'utf8')}`).toBe(`${name}:\n${text}`);
  });

  it('runs each tier as a group over its subnets, in its target groups, checked by the load balancer', () => {
    const group = resource('compute', 'BackendAutoScalingGroup');
    expect(group.Properties).toMatchObject({
      MinSize: '2',
      MaxSize: '6',
      VPCZoneIdentifier: { Ref: 'PrivateSubnetIds' },
      TargetGroupARNs: [{ Ref: 'BackendInternalTargetGroup' }],
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 600,
    });
    // A CPU target sizes the group, so no DesiredCapacity for deploys to reset.
    expect(group.Properties!.DesiredCapacity).toBeUndefined();
    expect(
      (group.Properties!.Tags as Array<{ PropagateAtLaunch?: boolean }>).every(
        (tag) => tag.PropagateAtLaunch === true,
      ),
    ).toBe(true);
    expect(resource('compute', 'FrontendAutoScalingGroup').Properties!.TargetGroupARNs).toEqual([
      { Ref: 'FrontendTargetGroup' },
    ]);
    expect(resource('compute', 'FrontendTargetGroup').Properties!.Targets).toBeUndefined();
  });

  it('rolls a change one instance at a time, never below min in service, waiting for signals', () => {
    // Update and creation policies sit beside Properties, outside the parsed template's typed fields.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const group = resource('compute', 'BackendAutoScalingGroup') as any;
    expect(group.UpdatePolicy.AutoScalingRollingUpdate).toMatchObject({
      MaxBatchSize: 1,
      MinInstancesInService: 2,
      WaitOnResourceSignals: true,
      PauseTime: 'PT15M',
    });
    expect(group.UpdatePolicy.AutoScalingRollingUpdate.SuspendProcesses).not.toContain('Launch');
    expect(group.UpdatePolicy.AutoScalingScheduledAction).toEqual({
      IgnoreUnmodifiedGroupSizeProperties: true,
    });
    expect(group.CreationPolicy.ResourceSignal).toEqual({ Count: 2, Timeout: 'PT15M' });
    expect(group.DependsOn).toContain('BackendSignalAccess');
  });

  it('lets an instance signal only its own stack', () => {
    expect(resource('compute', 'BackendSignalAccess').Properties!.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'cloudformation:SignalResource',
          Resource: {
            'Fn::Sub':
              'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${AWS::StackName}/*',
          },
        },
      ],
    });
  });

  it('tracks 50% CPU and applies the schedules in UTC', () => {
    expect(resource('compute', 'BackendCpuTargetTracking').Properties).toMatchObject({
      AutoScalingGroupName: { Ref: 'BackendAutoScalingGroup' },
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
        TargetValue: 50,
      },
    });
    expect(resource('compute', 'BackendScheduleBusinessHours').Properties).toEqual({
      AutoScalingGroupName: { Ref: 'BackendAutoScalingGroup' },
      Recurrence: '0 7 * * MON-FRI',
      TimeZone: 'Etc/UTC',
      MinSize: 3,
    });
  });

  it('puts the backend behind an internal load balancer the frontends reach by name', () => {
    expect(resource('load-balancer', 'BackendLoadBalancer').Properties).toMatchObject({
      Scheme: 'internal',
      Subnets: { Ref: 'PrivateSubnetIds' },
      SecurityGroups: [{ Ref: 'BackendLbSecurityGroupId' }],
    });
    expect(t('load-balancer').Outputs!.BackendServiceUrl.Value).toEqual({
      'Fn::Sub': 'http://${BackendLoadBalancer.DNSName}',
    });
    expect(userDataOf(generated, 'FrontendLaunchTemplate')).toContain(
      'Environment="BACKEND_URLS=${BackendServiceUrl}"',
    );
    const compute = generated.manifest.stacks.find((s) => s.layer === 'compute')!;
    expect(compute.parameters.BackendServiceUrl).toEqual({
      from: 'output',
      layer: 'load-balancer',
      output: 'BackendServiceUrl',
    });
  });

  it('security groups follow the calls: frontend → internal load balancer → backend', () => {
    const rules = Object.entries(t('security').Resources)
      .filter(([, r]) => r.Type === 'AWS::EC2::SecurityGroupIngress')
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- intrinsic-shaped values, read by path
      .map(([, r]) => r.Properties as any)
      .filter((p) => JSON.stringify(p).includes('BackendLb'))
      .map((p) => [
        p.GroupId['Fn::GetAtt'][0],
        p.FromPort,
        p.SourceSecurityGroupId['Fn::GetAtt'][0],
      ]);
    expect(rules).toEqual([
      ['BackendSecurityGroup', 5001, 'BackendLbSecurityGroup'],
      ['BackendLbSecurityGroup', 80, 'FrontendSecurityGroup'],
    ]);
  });

  it('never changes the frontends when the backends change', () => {
    const changed = generateText(
      fixtureWith(
        '    instanceType: t3.micro\n    autoScaling:\n      min: 2',
        '    instanceType: t3.small\n    autoScaling:\n      min: 2',
      ),
      AUTO_SCALING_FILE,
    );
    const compute = changed.templates.get('compute.yaml')!;
    expect(compute.Resources.BackendLaunchTemplate).not.toEqual(
      resource('compute', 'BackendLaunchTemplate'),
    );
    for (const id of ['FrontendLaunchTemplate', 'FrontendAutoScalingGroup', 'FrontendTargetGroup'])
      expect(compute.Resources[id]).toEqual(resource('compute', id));
  });
});
