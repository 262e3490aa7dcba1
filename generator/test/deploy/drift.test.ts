import { rmSync } from 'node:fs';
import { FakeCloudFormation } from './fake-cloudformation';
import { strataRun } from './cli-harness';
import { DIAMOND_OUTPUTS, makeWorkspace } from './workspace';

describe('strata drift', () => {
  let fake: FakeCloudFormation;
  let cwd: string;
  beforeEach(() => {
    fake = new FakeCloudFormation();
    cwd = makeWorkspace();
    for (const [name, outputs] of Object.entries(DIAMOND_OUTPUTS))
      if (name !== 'portfolio-load-balancer') fake.seed(name, 'UPDATE_COMPLETE', { outputs });
    fake.find('portfolio-security').drifts = [
      {
        StackId: fake.find('portfolio-security').id,
        LogicalResourceId: 'AppSg',
        PhysicalResourceId: 'sg-0456',
        ResourceType: 'AWS::EC2::SecurityGroup',
        StackResourceDriftStatus: 'MODIFIED',
        Timestamp: new Date(0),
        PropertyDifferences: [
          {
            PropertyPath: '/SecurityGroupIngress/0/CidrIp',
            ExpectedValue: '10.0.0.0/16',
            ActualValue: '0.0.0.0/0',
            DifferenceType: 'NOT_EQUAL',
          },
        ],
      },
    ];
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('prints each drifted property with its expected and actual value; --fail exits 2', async () => {
    const r = await strataRun(cwd, ['drift', '--fail']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      'portfolio-security DRIFTED\n  AppSg (AWS::EC2::SecurityGroup) MODIFIED sg-0456\n    /SecurityGroupIngress/0/CidrIp: expected 10.0.0.0/16, actual 0.0.0.0/0\n',
    );
    expect(r.stdout).toContain('portfolio-network IN_SYNC');
    expect(r.stdout).toContain('portfolio-load-balancer NOT_DEPLOYED');
    expect(r.stdout).toContain('1 of 5 stacks drifted.');
  });

  it('exits 0 without --fail, and 0 with --fail when nothing drifted', async () => {
    expect((await strataRun(cwd, ['drift'])).code).toBe(0);
    fake.find('portfolio-security').drifts = [];
    const r = await strataRun(cwd, ['drift', '--fail', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).drifted).toBe(false);
  });
});
