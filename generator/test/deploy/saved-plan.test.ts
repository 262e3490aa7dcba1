import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeCloudFormation } from './fake-cloudformation';
import { strataRun } from './cli-harness';
import { DIAMOND_OUTPUTS, makeWorkspace } from './workspace';

describe('deploy --prepare and --execute <plan id>', () => {
  let fake: FakeCloudFormation;
  let cwd: string;
  beforeEach(() => {
    fake = new FakeCloudFormation();
    cwd = makeWorkspace();
    for (const [name, outputs] of Object.entries(DIAMOND_OUTPUTS)) {
      const layer = name.replace(/^portfolio-/, '');
      const templateBody =
        layer === 'bootstrap' ? undefined : readFileSync(join(cwd, 'out', `${layer}.yaml`), 'utf8');
      fake.seed(name, 'UPDATE_COMPLETE', { outputs, templateBody });
      fake.scripts[name] = { outputs, changes: [] };
    }
    for (const name of ['portfolio-network', 'portfolio-compute'])
      fake.scripts[name].changes = [
        { action: 'Modify', logicalId: 'Marker', type: 'AWS::SSM::Parameter' },
      ];
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  async function prepare(): Promise<string> {
    const r = await strataRun(cwd, ['deploy', '--prepare', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.stacks.filter((s: { result: string }) => s.result === 'prepared')).toHaveLength(2);
    return doc.planId;
  }

  it('keeps the change sets, saves the plan, and executes exactly those later', async () => {
    const id = await prepare();
    expect(fake.timeline.filter((e) => e.startsWith('execute:'))).toEqual([]);
    expect(fake.changeSets.size).toBe(2);
    const saved = JSON.parse(readFileSync(join(cwd, '.strata', 'plans', `${id}.json`), 'utf8'));
    expect(saved.stacks.map((s: { stackName: string }) => s.stackName)).toEqual([
      'portfolio-network',
      'portfolio-compute',
    ]);
    expect(saved.stacks[0]).toMatchObject({ type: 'UPDATE', status: 'UPDATE_COMPLETE' });
    expect(saved.stacks[0].lastUpdated).toMatch(/^2026-01-01T/);

    const r = await strataRun(cwd, ['deploy', '--execute', id, '--yes']);
    expect(r.code).toBe(0);
    expect(
      fake.timeline.filter((e) => e.startsWith('execute:')).map((e) => e.split(':')[1]),
    ).toEqual(['portfolio-network', 'portfolio-compute']);
    expect(fake.changeSets.size).toBe(0);
    expect(r.stdout).toContain('siteUrl: http://portfolio-alb-1.us-east-1.elb.amazonaws.com');

    const again = await strataRun(cwd, ['deploy', '--execute', id, '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      new RegExp(`plan ${id} was executed at 20\\d\\d-.*; a plan runs once`),
    );
  });

  it('refuses the whole plan when a stack changed since, executing nothing', async () => {
    const id = await prepare();
    fake.touch('portfolio-compute');
    const r = await strataRun(cwd, ['deploy', '--execute', id, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `plan ${id} cannot be executed as reviewed: portfolio-compute changed since the plan`,
    );
    expect(fake.timeline.filter((e) => e.startsWith('execute:'))).toEqual([]);
  });

  it('refuses when an upstream stack outside the plan has new outputs the kept change set predates', async () => {
    const id = await prepare();
    // Someone redeployed security after the plan: compute's change set still carries the old group.
    const security = fake.stacks.get('portfolio-security')!;
    security.outputs = { ...security.outputs, AppSgId: 'sg-0999' };
    const r = await strataRun(cwd, ['deploy', '--execute', id, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'portfolio-compute: parameter AppSgId was planned as sg-0456 (output AppSgId of portfolio-security), which is now sg-0999',
    );
    expect(fake.timeline.filter((e) => e.startsWith('execute:'))).toEqual([]);
  });

  it('stops before a downstream stack whose inputs the upstream execution just changed', async () => {
    fake.scripts['portfolio-security'].changes = [
      {
        action: 'Modify',
        logicalId: 'AppSg',
        type: 'AWS::EC2::SecurityGroup',
        replacement: 'True',
      },
    ];
    const r0 = await strataRun(cwd, ['deploy', '--prepare', '--json', '--yes']);
    expect(r0.code).toBe(0);
    const id = JSON.parse(r0.stdout).planId as string;
    // The replaced group gets a new id only when the change set runs.
    fake.scripts['portfolio-security'].outputs = { AppSgId: 'sg-0new' };
    const r = await strataRun(cwd, ['deploy', '--execute', id, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `plan ${id} stopped before portfolio-compute: portfolio-compute: parameter AppSgId was planned as sg-0456 (output AppSgId of portfolio-security), which is now sg-0new`,
    );
    expect(r.stderr).toContain('portfolio-network, portfolio-security were executed');
    expect(
      fake.timeline.filter((e) => e.startsWith('execute:')).map((e) => e.split(':')[1]),
    ).toEqual(['portfolio-network', 'portfolio-security']);
  });

  it('names a plan id that does not exist, and refuses --execute with --stack as a usage error', async () => {
    const r = await strataRun(cwd, ['deploy', '--execute', 'nope', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no saved plan nope in .strata/plans');
    const u = await strataRun(cwd, ['deploy', '--execute', 'x', '--stack', 'network']);
    expect(u.code).toBe(2);
    expect(existsSync(join(cwd, '.strata'))).toBe(false);
    writeFileSync(join(cwd, 'marker'), '');
  });
});
