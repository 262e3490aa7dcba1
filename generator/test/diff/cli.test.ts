import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run, type CliIO } from '../../src/cli';
import { FakeCloudFormation } from '../deploy/fake-cloudformation';
import { CIDR_CHANGED, generated, SEED, SSH_OPENED } from './topologies';

async function strata(cwd: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: Object.assign(new PassThrough(), { write: (t: string) => out.push(t) }) as never,
    stderr: Object.assign(new PassThrough(), { write: (t: string) => err.push(t) }) as never,
    stdin: new PassThrough(),
    env: { STRATA_POLL_INTERVAL_MS: '0', NO_COLOR: '1' },
    cwd,
  };
  const code = await run(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=test', ...args], {
    cwd,
    stdio: 'pipe',
  });

/** A git repository whose HEAD holds the seed topology and the out/ generated from it. */
function seededRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-diff-'));
  mkdirSync(join(dir, 'spec'));
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'spec', 'topology.yaml'), SEED);
  for (const [file, text] of generated(SEED).texts) writeFileSync(join(dir, 'out', file), text);
  // Small stand-ins for the two apps, so deploy's packaging step has something to bundle.
  for (const app of ['frontend', 'backend'])
    cpSync(join(__dirname, '..', 'fixtures', 'deploy', 'apps', 'hello'), join(dir, 'apps', app), {
      recursive: true,
    });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'seed');
  return dir;
}

describe('strata diff', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = seededRepo();
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  afterEach(() => writeFileSync(join(cwd, 'spec', 'topology.yaml'), SEED));

  it('exits 0 and says so when nothing differs from HEAD, even with --fail', async () => {
    const r = await strata(cwd, ['diff', '--fail']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('Comparing what strata generate produces now with HEAD:out/');
    expect(r.stdout).toContain('No changes in 7 stacks.');
  });

  it('prints replacements and the totals; --fail turns changes into exit 2', async () => {
    writeFileSync(join(cwd, 'spec', 'topology.yaml'), CIDR_CHANGED);
    const plain = await strata(cwd, ['diff']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(
      /± PublicSubnetA +AWS::EC2::Subnet {2}replace {2}← network\.subnets\.public\.cidrs\[0\] \(line 18, changed\)/,
    );
    expect(plain.stdout).toContain(
      '      CidrBlock: 10.0.1.0/24 → 10.0.3.0/24  replace: CidrBlock is create-only (registry schema)',
    );
    expect(plain.stdout).toContain(
      '⇣ parameter PublicSubnetIds from network.PublicSubnetIds: [network:PublicSubnetA, network:PublicSubnetB] → known after deploy (new network:PublicSubnetA)',
    );
    expect(plain.stdout).toMatch(
      /^Plan: 4 to modify, 5 to replace in 5 of 7 stacks; 1 security change widens access\.$/m,
    );
    expect((await strata(cwd, ['diff', '--fail'])).code).toBe(2);
  });

  it('marks SSH opened to the world in the security section', async () => {
    writeFileSync(join(cwd, 'spec', 'topology.yaml'), SSH_OPENED);
    const r = await strata(cwd, ['diff']);
    expect(r.stdout).toContain('Security changes (! = widens access)');
    expect(r.stdout).toMatch(
      /! portfolio-security +\+ FrontendSecurityGroup ingress TCP 22 from Everyone \(IPv4\) \(widened from 203\.0\.113\.0\/24\) {2}open to the world/,
    );
    expect(r.stdout).toMatch(/1 security change widens access\.$/m);
  });

  it('--json prints the model', async () => {
    writeFileSync(join(cwd, 'spec', 'topology.yaml'), SSH_OPENED);
    const r = await strata(cwd, ['diff', '--json']);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      schemaVersion: 2,
      source: 'git',
      base: 'HEAD:out/',
      hasChanges: true,
    });
    const rule = report.stacks
      .flatMap((s: { resources: { logicalId: string; impact: string }[] }) => s.resources)
      .find((x: { logicalId: string }) => x.logicalId === 'FrontendFromCidrPort22');
    expect(rule.impact).toBe('replace');
    expect(
      report.stacks.find((s: { layer: string }) => s.layer === 'security').security[0],
    ).toMatchObject({ kind: 'ingress', widens: true, open: true });
  });

  it('--base compares with another commit, and refuses a ref that is not one', async () => {
    writeFileSync(join(cwd, 'spec', 'topology.yaml'), CIDR_CHANGED);
    expect((await strata(cwd, ['diff', '--base', 'HEAD', '--fail'])).code).toBe(2);
    const bad = await strata(cwd, ['diff', '--base', 'no-such-branch']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--base no-such-branch is not a commit in this git repository');
    // With --fail, an error is still 1: 2 only ever means "the plan has changes".
    expect((await strata(cwd, ['diff', '--fail', '--base', 'no-such-branch'])).code).toBe(1);
  });

  it('outside a git repository, says there is nothing committed and points to --deployed', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'strata-nogit-'));
    try {
      mkdirSync(join(bare, 'spec'));
      writeFileSync(join(bare, 'spec', 'topology.yaml'), SEED);
      const r = await strata(bare, ['diff']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'is not in a git repository, so there are no committed templates to compare with',
      );
      expect(r.stderr).toContain('strata diff --deployed');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('refuses two bases at once', async () => {
    const r = await strata(cwd, ['diff', '--deployed', '--base', 'HEAD']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '--base, --deployed and --change-set each pick what to compare with; use one',
    );
  });

  it('packages the apps as deploy does: an app change at HEAD vs the working tree changes the key and replaces the instances', async () => {
    const unchanged = JSON.parse((await strata(cwd, ['diff', '--json'])).stdout);
    expect(unchanged.artifacts).toEqual([
      { app: 'frontend', changed: false },
      { app: 'backend', changed: false },
    ]);
    const greeting = join(cwd, 'apps', 'backend', 'src', 'greeting.ts');
    const before = readFileSync(greeting, 'utf8');
    try {
      // A comment only: esbuild drops it, so the bundle, and so the key, stay the same on both sides.
      writeFileSync(greeting, `// reviewed\n${before}`);
      const same = JSON.parse((await strata(cwd, ['diff', '--json'])).stdout);
      const backend = same.artifacts.find((a: { app: string }) => a.app === 'backend');
      expect(backend.changed).toBe(false);
      expect(backend.old).toMatch(/^artifacts\/backend-[0-9a-f]{16}\.tgz$/);
      expect(backend.new).toBe(backend.old);
      expect(same.hasChanges).toBe(false);
      writeFileSync(greeting, before.replace('hello from', 'hi from'));
      const r = await strata(cwd, ['diff', '--fail']);
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(
        /App artifacts\n {2}~ backend: artifacts\/backend-\w+\.tgz → artifacts\/backend-\w+\.tgz/,
      );
      expect(r.stdout).toMatch(
        /± BackendLaunchTemplate +AWS::EC2::LaunchTemplate {2}replace {2}← apps\/backend \(app code changed\)/,
      );
      expect(r.stdout).toMatch(
        /^Downtime and data\n {2}! the frontend tier is replaced all at once/m,
      );
    } finally {
      writeFileSync(greeting, before);
    }
  });

  describe('against AWS (mocked)', () => {
    let fake: FakeCloudFormation;
    beforeEach(() => {
      fake = new FakeCloudFormation();
      const seedSet = generated(SEED);
      // Everything but the load balancer is deployed, from the seed's templates.
      for (const s of seedSet.manifest!.stacks.filter((x) => x.layer !== 'load-balancer')) {
        fake.seed(s.stackName, 'CREATE_COMPLETE', {
          templateBody: seedSet.texts.get(s.template),
          outputs: Object.fromEntries(s.outputs.map((o) => [o, `${o}-value`])),
        });
      }
    });

    it('--deployed compares with GetTemplate and shows a stack that is not deployed as new', async () => {
      writeFileSync(join(cwd, 'spec', 'topology.yaml'), CIDR_CHANGED);
      const r = await strata(cwd, ['diff', '--deployed', '--region', 'us-east-1']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(
        'Comparing what strata generate produces now with the deployed stacks in us-east-1',
      );
      expect(r.stdout).toContain('CidrBlock: 10.0.1.0/24 → 10.0.3.0/24  replace:');
      expect(r.stdout).toMatch(
        /portfolio-load-balancer \(load-balancer.yaml\) {2}new stack, 2 to create/,
      );
    });

    it('--change-set shows what CloudFormation computes, labelled as such, and deletes every change set', async () => {
      fake.seed('portfolio-bootstrap', 'CREATE_COMPLETE', { outputs: { BucketName: 'bucket-1' } });
      fake.scripts['portfolio-network'] = {
        changes: [
          {
            action: 'Modify',
            logicalId: 'PublicSubnetA',
            type: 'AWS::EC2::Subnet',
            replacement: 'True',
          },
        ],
      };
      for (const layer of ['identity', 'security', 'gateways', 'database', 'compute'])
        fake.scripts[`portfolio-${layer}`] = { changes: [] };
      writeFileSync(join(cwd, 'spec', 'topology.yaml'), CIDR_CHANGED);
      const r = await strata(cwd, ['diff', '--change-set']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(
        'Changes computed by CloudFormation (change sets against the deployed stacks in us-east-1; created, read and deleted)',
      );
      expect(r.stdout).toMatch(/± PublicSubnetA +AWS::EC2::Subnet {2}replace/);
      expect(r.stdout).toMatch(
        /portfolio-gateways \(gateways.yaml\) {2}no changes, no resource changes\n {2}CloudFormation planned this with today's upstream outputs; the inputs below change once the upstream stacks deploy\n {2}⇣ parameter PublicSubnetIds/,
      );
      expect(r.stdout).toMatch(/portfolio-load-balancer \(load-balancer.yaml\) {2}new stack/);
      expect(fake.changeSets.size).toBe(0);
      expect(fake.stacks.get('portfolio-load-balancer')?.status).toBe('DELETE_COMPLETE'); // the review stack of the CREATE change set
      expect(
        fake.timeline.filter((e) => e.startsWith('execute') || e.startsWith('upload')),
      ).toEqual([]);
    });
  });
});
