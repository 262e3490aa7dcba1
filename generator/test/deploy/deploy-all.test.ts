import { rmSync } from 'node:fs';
import { deployAll, type DeployAllContext } from '../../src/deploy/deploy-all';
import { FakeCloudFormation } from './fake-cloudformation';
import { testContext } from './helpers';
import { DIAMOND_OUTPUTS, diamondManifest, makeWorkspace } from './workspace';

describe('deployAll', () => {
  let fake: FakeCloudFormation;
  let cwd: string;
  const contextFor = (over: Partial<DeployAllContext> = {}) => {
    const { ctx, log, s3 } = testContext({}, 6, fake);
    return {
      log,
      ctx: { ...ctx, s3, region: 'us-east-1', cwd, outDir: 'out', ...over } as DeployAllContext,
    };
  };
  beforeEach(() => {
    fake = new FakeCloudFormation({ mock: false });
    for (const [name, outputs] of Object.entries(DIAMOND_OUTPUTS)) fake.scripts[name] = { outputs };
    cwd = makeWorkspace();
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('bootstraps, uploads the artifact, then deploys in dependency order with independent stacks in parallel', async () => {
    const { ctx } = contextFor();
    const report = await deployAll(ctx, diamondManifest());
    expect(report.outcomes.map((o) => `${o.stackName}:${o.result}`)).toEqual([
      'portfolio-network:created',
      'portfolio-security:created',
      'portfolio-database:created',
      'portfolio-compute:created',
      'portfolio-load-balancer:created',
    ]);
    const t = fake.timeline.map((e) => e.replace(/:\{.*$/, ''));
    const at = (e: string) => t.indexOf(e);
    expect(at('complete:portfolio-bootstrap')).toBeLessThan(
      t.findIndex((e) => e.startsWith('upload:artifacts/hello-')),
    );
    expect(at('complete:portfolio-network')).toBeLessThan(at('execute:portfolio-security'));
    // security and database both run before either finishes: they only need network.
    expect(at('execute:portfolio-database')).toBeLessThan(at('complete:portfolio-security'));
    expect(at('execute:portfolio-security')).toBeLessThan(at('complete:portfolio-database'));
    expect(
      Math.max(at('complete:portfolio-security'), at('complete:portfolio-database')),
    ).toBeLessThan(at('execute:portfolio-compute'));
    expect(at('complete:portfolio-compute')).toBeLessThan(at('execute:portfolio-load-balancer'));
    expect(report.outputs).toEqual({
      siteUrl: 'http://portfolio-alb-1.us-east-1.elb.amazonaws.com',
    });
  });

  it('passes upstream outputs, the bucket and the artifact key as parameters', async () => {
    const { ctx } = contextFor();
    await deployAll(ctx, diamondManifest());
    const compute = fake.timeline.find((e) => e.startsWith('execute:portfolio-compute:'))!;
    const params = JSON.parse(compute.slice('execute:portfolio-compute:'.length));
    expect(params).toEqual({
      AppSgId: 'sg-0456',
      DbEndpoint: 'db.example.internal',
      ArtifactBucket: 'portfolio-bootstrap-artifactsbucket-abc',
      HelloArtifactKey: expect.stringMatching(/^artifacts\/hello-[0-9a-f]{16}\.tgz$/),
    });
    expect(
      fake.uploads.has(`portfolio-bootstrap-artifactsbucket-abc/${params.HelloArtifactKey}`),
    ).toBe(true);
  });

  it('does not upload an artifact the bucket already holds, and a second deploy with no changes changes nothing', async () => {
    await deployAll(contextFor().ctx, diamondManifest());
    for (const name of Object.keys(DIAMOND_OUTPUTS)) fake.scripts[name].changes = [];
    fake.timeline.length = 0;
    const report = await deployAll(contextFor().ctx, diamondManifest());
    expect(report.outcomes.every((o) => o.result === 'unchanged')).toBe(true);
    expect(
      fake.timeline.filter((e) => e.startsWith('upload:') || e.startsWith('execute:')),
    ).toEqual([]);
  });

  it('stops at the first failure: downstream stacks never start, and the error names the failed resource', async () => {
    fake.scripts['portfolio-database'] = {
      fail: { logicalId: 'Database', reason: 'DB instance class db.t2.nano is not supported' },
    };
    const report = await deployAll(contextFor().ctx, diamondManifest());
    expect(report.outcomes.map((o) => `${o.stackName}:${o.result}:${o.status}`)).toEqual([
      'portfolio-network:created:CREATE_COMPLETE',
      'portfolio-security:created:CREATE_COMPLETE',
      'portfolio-database:failed:ROLLBACK_COMPLETE',
      'portfolio-compute:not-started:UNKNOWN',
      'portfolio-load-balancer:not-started:UNKNOWN',
    ]);
    const error = report.failure as Error;
    expect(error.message).toBe(
      'portfolio-database ended ROLLBACK_COMPLETE: Database (AWS::EC2::Instance) CREATE_FAILED: DB instance class db.t2.nano is not supported',
    );
    expect(fake.timeline.some((e) => e.includes('portfolio-compute'))).toBe(false);
    expect(fake.timeline).toContain('complete:portfolio-security'); // the independent sibling finished
  });

  it('--stack deploys one layer with its upstream outputs read from the live stacks, and says which it used', async () => {
    fake.seed('portfolio-bootstrap', 'CREATE_COMPLETE', {
      outputs: DIAMOND_OUTPUTS['portfolio-bootstrap'],
    });
    fake.scripts['portfolio-bootstrap'].changes = [];
    fake.seed('portfolio-network', 'CREATE_COMPLETE', {
      outputs: DIAMOND_OUTPUTS['portfolio-network'],
    });
    const { ctx, log } = contextFor();
    const report = await deployAll(ctx, diamondManifest(), 'security');
    expect(report.outcomes.map((o) => o.stackName)).toEqual(['portfolio-security']);
    expect(log).toContain(
      'portfolio-security uses upstream outputs: VpcId = network.VpcId (vpc-0123)',
    );
    expect(fake.timeline.filter((e) => e.startsWith('execute:'))).toEqual([
      'execute:portfolio-security:{"VpcId":"vpc-0123"}',
    ]);
  });

  it('--stack refuses when an upstream layer is not deployed', async () => {
    await expect(deployAll(contextFor().ctx, diamondManifest(), 'compute')).rejects.toMatchObject({
      code: 'E_DEPLOY',
      message: expect.stringContaining('needs output AppSgId of the security layer'),
    });
    expect(fake.timeline).toEqual([]); // nothing created, not even the bootstrap stack
  });

  it('a dry run creates nothing: no bootstrap, no upload, every change set and review stack deleted', async () => {
    const { ctx, log } = contextFor({ dryRun: true });
    const report = await deployAll(ctx, diamondManifest());
    expect(report.outcomes.map((o) => o.result)).toEqual([
      'planned',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(fake.changeSets.size).toBe(0);
    expect([...fake.stacks.values()].every((s) => s.status === 'DELETE_COMPLETE')).toBe(true);
    expect(fake.timeline.filter((e) => e.startsWith('upload') || e.startsWith('execute'))).toEqual(
      [],
    );
    expect(log).toContain(
      '[2/6 stacks] portfolio-security cannot plan yet: portfolio-security needs output VpcId of the network layer, which is not deployed or has no such output',
    );
  });
});
