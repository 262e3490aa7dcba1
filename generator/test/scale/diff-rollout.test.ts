import { compareTemplateSets } from '../../src/diff/compare';
import { formatStack } from '../../src/diff/format';
import { rolloutNote } from '../../src/cfn/rollout';
import { paletteFor } from '../../src/output/terminal';
import { generated } from '../diff/topologies';
import { AUTO_SCALING_TEXT, fixtureWith } from './helpers';

const PLAIN = paletteFor({ isTTY: false }, {});
const POLICY = {
  UpdatePolicy: {
    AutoScalingRollingUpdate: {
      MaxBatchSize: 2,
      MinInstancesInService: 3,
      WaitOnResourceSignals: true,
    },
  },
};

describe('the plan of an auto-scaled tier', () => {
  it('an app change rolls: N at a time, never below M in service', () => {
    const changed = fixtureWith(
      'DB_NAME: { ref: database.name }',
      'DB_NAME: { ref: database.name }\n      LOG_LEVEL: debug',
    );
    const report = compareTemplateSets(
      generated(changed),
      generated(AUTO_SCALING_TEXT),
      'git',
      'HEAD:out/',
    );
    const compute = report.stacks.find((s) => s.layer === 'compute')!;
    expect(compute.resources.map((r) => [r.logicalId, r.rollout])).toEqual([
      [
        'BackendLaunchTemplate',
        'BackendAutoScalingGroup: rolling, 1 at a time, never below 2 in service; each new instance counts once it signals healthy, a failure rolls back',
      ],
    ]);
    expect(formatStack(compute, PLAIN).join('\n')).toContain(
      '      ↻ BackendAutoScalingGroup: rolling, 1 at a time, never below 2 in service',
    );
    // The frontends call the backend through its load balancer: nothing of theirs changes.
    expect(report.stacks.filter((s) => s.status !== 'unchanged').map((s) => s.layer)).toEqual([
      'compute',
    ]);
  });

  it('the note follows the policy, and only a launch template or subnet change rolls', () => {
    const asg = 'AWS::AutoScaling::AutoScalingGroup';
    expect(rolloutNote(asg, 'update', ['LaunchTemplate.Version'], POLICY)).toBe(
      'rolling, 2 at a time, never below 3 in service; each new instance counts once it signals healthy, a failure rolls back',
    );
    expect(rolloutNote(asg, 'update', ['VPCZoneIdentifier'], {})).toMatch(
      /^no rolling update policy/,
    );
    expect(rolloutNote(asg, 'update', ['MaxSize'], POLICY)).toBeUndefined();
    expect(rolloutNote(asg, 'replace', ['LaunchTemplate.Version'], POLICY)).toBeUndefined();
    expect(
      rolloutNote('AWS::EC2::Instance', 'update', ['LaunchTemplate.Version'], POLICY),
    ).toBeUndefined();
  });
});
