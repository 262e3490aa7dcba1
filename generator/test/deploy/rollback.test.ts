import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeCloudFormation } from './fake-cloudformation';
import { strataRun } from './cli-harness';
import { DIAMOND_OUTPUTS, makeWorkspace } from './workspace';

describe('deploy --no-rollback and strata rollback', () => {
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
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('deploys with DisableRollback, leaves the failed stack as it is, and strata rollback rolls it back', async () => {
    fake.scripts['portfolio-network'] = {
      changes: [{ action: 'Modify', logicalId: 'Marker', type: 'AWS::SSM::Parameter' }],
      fail: { logicalId: 'Marker', reason: 'Value too long' },
    };
    const out = join(cwd, 'out', 'network.yaml');
    writeFileSync(out, readFileSync(out, 'utf8').replace('Value: network', 'Value: other'));
    const deploy = await strataRun(cwd, ['deploy', '--stack', 'network', '--yes', '--no-rollback']);
    expect(deploy.code).toBe(1);
    expect(fake.timeline.find((e) => e.startsWith('execute:portfolio-network'))).toMatch(
      /:no-rollback$/,
    );
    expect(fake.find('portfolio-network').status).toBe('UPDATE_FAILED');

    const again = await strataRun(cwd, ['deploy', '--stack', 'network', '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('strata rollback');

    const r = await strataRun(cwd, ['rollback', '--stack', 'network']);
    expect(r.code).toBe(0);
    expect(fake.timeline).toContain('rollback:portfolio-network');
    expect(r.stdout).toMatch(/portfolio-network +UPDATE_FAILED → .*UPDATE_ROLLBACK_COMPLETE/);
  });

  it('refuses --no-rollback when the plan replaces a resource, before any change set', async () => {
    const out = join(cwd, 'out', 'network.yaml');
    writeFileSync(
      out,
      readFileSync(out, 'utf8').replace('Type: String,', 'Type: String, Name: /x,'),
    );
    const r = await strataRun(cwd, ['deploy', '--stack', 'network', '--yes', '--no-rollback']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '--no-rollback cannot be used when the plan replaces resources (Marker)',
    );
    expect(fake.timeline.filter((e) => e.startsWith('change-set:'))).toEqual([]);
  });

  it('continues an UPDATE_ROLLBACK_FAILED rollback, skipping the failed resources with --orphan', async () => {
    const stack = fake.find('portfolio-database');
    stack.status = 'UPDATE_ROLLBACK_FAILED';
    stack.resources = { Database: 'UPDATE_FAILED', Marker: 'UPDATE_COMPLETE' };
    const r = await strataRun(cwd, ['rollback', '--orphan', '--json']);
    expect(r.code).toBe(0);
    expect(fake.timeline).toContain('continue-rollback:portfolio-database:Database');
    const doc = JSON.parse(r.stdout);
    expect(
      doc.stacks.find((s: { stackName: string }) => s.stackName === 'portfolio-database'),
    ).toEqual({
      stackName: 'portfolio-database',
      action: 'continue-update-rollback',
      statusBefore: 'UPDATE_ROLLBACK_FAILED',
      status: 'UPDATE_ROLLBACK_COMPLETE',
      skipped: ['Database'],
    });
    expect(doc.stacks.filter((s: { action: string }) => s.action === 'none')).toHaveLength(4);
  });

  it('without --orphan skips nothing', async () => {
    fake.find('portfolio-network').status = 'UPDATE_ROLLBACK_FAILED';
    const r = await strataRun(cwd, ['rollback', '--stack', 'network']);
    expect(r.code).toBe(0);
    expect(fake.timeline).toContain('continue-rollback:portfolio-network:');
  });
});
