import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FakeCloudFormation } from './fake-cloudformation';
import { strataRun } from './cli-harness';
import { DIAMOND_OUTPUTS, makeWorkspace } from './workspace';

describe('deploy and destroy --json, deploy --outputs-file', () => {
  let fake: FakeCloudFormation;
  let cwd: string;
  beforeEach(() => {
    fake = new FakeCloudFormation();
    for (const [name, outputs] of Object.entries(DIAMOND_OUTPUTS)) fake.scripts[name] = { outputs };
    cwd = makeWorkspace();
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('prints one JSON document with every stack, its status, outputs and duration, and writes the outputs file', async () => {
    const r = await strataRun(cwd, ['deploy', '--yes', '--json', '--outputs-file', 'cdk.out.json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.stacks).toHaveLength(5);
    expect(doc.stacks[0]).toEqual({
      stackName: 'portfolio-network',
      result: 'created',
      status: 'CREATE_COMPLETE',
      outputs: { VpcId: 'vpc-0123' },
      durationMs: expect.any(Number),
    });
    expect(doc.outputs).toEqual({ siteUrl: DIAMOND_OUTPUTS['portfolio-load-balancer'].SiteUrl });
    expect(r.stderr).toContain('[5/5 stacks] portfolio-load-balancer');
    const file = JSON.parse(readFileSync(join(cwd, 'cdk.out.json'), 'utf8'));
    expect(file['portfolio-database']).toEqual({ DbEndpoint: 'db.example.internal' });

    const d = await strataRun(cwd, ['destroy', '--yes', '--json']);
    expect(d.code).toBe(0);
    const gone = JSON.parse(d.stdout);
    expect(gone.ok).toBe(true);
    expect(gone.stacks.map((s: { status: string }) => s.status)).toEqual(
      Array(5).fill('DELETE_COMPLETE'),
    );
    expect(d.stderr).toContain('strata destroy will delete');
  });

  it('a failed deploy still prints one JSON document, with ok false and the error, and exits 1', async () => {
    fake.scripts['portfolio-network'].fail = { logicalId: 'Resource', reason: 'boom' };
    const r = await strataRun(cwd, ['deploy', '--yes', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.error).toContain('boom');
    expect(doc.stacks[0].result).toBe('failed');
  });
});
