import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { chooseRegion, profileRegion } from '../../src/aws/region';
import { FakeCloudFormation } from '../deploy/fake-cloudformation';
import { DIAMOND_OUTPUTS, makeWorkspace } from '../deploy/workspace';
import { addEnvironment, envManifest, scriptEnvironment, strata } from './workspace';

describe('account pinning and the banner', () => {
  let fake: FakeCloudFormation;
  let cwd: string;
  beforeEach(() => {
    fake = new FakeCloudFormation();
    scriptEnvironment(fake, 'prod');
    cwd = makeWorkspace();
    addEnvironment(cwd, envManifest('prod', { account: '111111111111' }));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('refuses a deploy with credentials of another account before any CloudFormation call', async () => {
    fake.account = '222222222222';
    const r = await strata(cwd, ['deploy', '--env', 'prod', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'environment prod is pinned to account 111111111111, but the credentials (arn:aws:iam::222222222222:user/ci) are for account 222222222222; nothing was changed',
    );
    expect(fake.identityChecks).toBe(1);
    expect(fake.cfn.calls()).toHaveLength(0);
    expect(fake.s3.calls()).toHaveLength(0);
  });

  it('refuses a destroy with the wrong account too, and any read of a pinned environment', async () => {
    fake.account = '222222222222';
    expect((await strata(cwd, ['destroy', '--env', 'prod', '--yes'])).code).toBe(1);
    expect((await strata(cwd, ['status', '--env', 'prod'])).stderr).toContain(
      'nothing was changed',
    );
    expect(fake.cfn.calls()).toHaveLength(0);
  });

  it('deploys with the pinned account, naming environment, account and region first', async () => {
    fake.account = '111111111111';
    const r = await strata(cwd, ['deploy', '--env', 'prod', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'portfolio · environment prod · account 111111111111 · us-east-1',
    );
    expect(r.stdout).toContain('Deploying portfolio (environment prod) to us-east-1');
    expect([...fake.stacks.keys()].sort()).toEqual(
      [
        'portfolio-prod-bootstrap',
        'portfolio-prod-compute',
        'portfolio-prod-database',
        'portfolio-prod-load-balancer',
        'portfolio-prod-network',
        'portfolio-prod-security',
      ].sort(),
    );
    const tags = fake.cfn.commandCalls(CreateStackCommand)[0].args[0].input.Tags;
    expect(tags).toEqual(
      expect.arrayContaining([
        { Key: 'strata:environment', Value: 'prod' },
        { Key: 'Project', Value: 'portfolio' },
      ]),
    );
  });

  it('checks the account of an unpinned base deploy too (it writes), but not of its status', async () => {
    for (const [name, outputs] of Object.entries(DIAMOND_OUTPUTS)) fake.scripts[name] = { outputs };
    const deploy = await strata(cwd, ['deploy', '--yes']);
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toContain('portfolio · base topology · account 123456789012 · us-east-1');
    expect(fake.identityChecks).toBe(1);
    const status = await strata(cwd, ['status']);
    expect(status.stdout).toContain('portfolio · base topology · account not checked · us-east-1');
    expect(fake.identityChecks).toBe(1);
  });

  it('refuses --out holding another environment than --env names', async () => {
    const r = await strata(cwd, ['status', '--env', 'staging', '--out', 'out/prod']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'out/prod/manifest.json was rendered for environment prod, not for environment staging',
    );
    const missing = await strata(cwd, ['status', '--env', 'dr']);
    expect(missing.stderr).toContain('out/dr/manifest.json not found');
    expect(missing.stderr).toContain('run strata generate --env dr first');
  });

  it('says which region it uses when AWS_REGION says another', async () => {
    const r = await strata(cwd, ['status', '--env', 'prod'], { AWS_REGION: 'eu-west-1' });
    expect(r.stderr).toContain(
      'note: AWS_REGION says eu-west-1; using us-east-1 (the region of environment prod); pass --region to override',
    );
  });
});

describe('region choice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-aws-config-'));
  const config = join(dir, 'config');
  writeFileSync(
    config,
    '[default]\nregion = us-east-1\n\n[profile dr-admin]\noutput = json\nregion=us-west-2\n',
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a profile's region from the shared config file", () => {
    expect(profileRegion({ AWS_CONFIG_FILE: config })).toBe('us-east-1');
    expect(profileRegion({ AWS_CONFIG_FILE: config }, 'dr-admin')).toBe('us-west-2');
    expect(profileRegion({ AWS_CONFIG_FILE: config, AWS_PROFILE: 'none' })).toBeUndefined();
  });

  it('uses the environment region over every AWS setting and explains each that differs', () => {
    const choice = chooseRegion({ region: 'us-west-2', environment: 'dr' }, undefined, {
      AWS_CONFIG_FILE: config,
      AWS_DEFAULT_REGION: 'us-west-2',
    });
    expect(choice).toEqual({
      region: 'us-west-2',
      reason: 'the region of environment dr',
      notes: [
        'profile default says us-east-1; using us-west-2 (the region of environment dr); pass --region to override',
      ],
    });
    const flagged = chooseRegion({ region: 'us-east-1' }, 'eu-west-1', {
      AWS_CONFIG_FILE: config,
    });
    expect(flagged.region).toBe('eu-west-1');
    expect(flagged.notes).toEqual(['profile default says us-east-1; using eu-west-1 (--region)']);
  });
});
