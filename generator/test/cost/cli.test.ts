import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../core/helpers';
import { runCli } from '../core/run-cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-cost-'));
  cpSync(join(ROOT, 'spec'), join(dir, 'spec'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = () => readFileSync(join(dir, 'spec/topology.yaml'), 'utf8');

describe('strata cost (CLI)', () => {
  it('prints the estimate per layer and resource, the assumptions and the seed comparison', async () => {
    const run = await runCli(['cost'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/portfolio in us-east-1: \$158\.95 a month/);
    expect(run.stdout).toMatch(/NatGatewayA +NAT gateway hours +\$32\.85/);
    expect(run.stdout).toMatch(/internetEgressGB +100/);
    expect(run.stdout).toMatch(/Against the seed's cost table/);
    expect(run.stdout).toMatch(
      /EC2 \(Frontend\) +2 × t3\.micro +\$15\.00 +strata +\$23\.76 +\+58%/,
    );
  });

  it('--json carries lines, layers, assumptions, comparison and suggestions', async () => {
    const run = await runCli(['cost', '--json', '--suggest'], { cwd: dir });
    const body = JSON.parse(run.stdout);
    expect(body).toMatchObject({ ok: true, totalUsd: 158.95, region: 'us-east-1' });
    expect(body.byLayer).toHaveLength(7);
    expect(body.comparison.lines).toHaveLength(6);
    expect(body.suggestions[0]).toMatchObject({ id: 'single-nat', monthlySavingUsd: 36.5 });
  });

  it('--format csv is one row per line plus a total', async () => {
    const run = await runCli(['cost', '--format', 'csv'], { cwd: dir });
    const rows = run.stdout.trim().split('\n');
    expect(rows[0]).toBe(
      'layer,resource,type,item,quantity,unit,unit_usd,free_quantity,monthly_usd,price,confirmed',
    );
    expect(rows).toContain(
      'gateways,NatGatewayA,AWS::EC2::NatGateway,NAT gateway hours,730,hours,0.045,0,32.85,vpc.natGatewayHourly,true',
    );
    expect(rows[rows.length - 1]).toBe(',,,total,,,,,158.95,,');
  });

  it('--format markdown is a table a CI job can post', async () => {
    const run = await runCli(['cost', '--format', 'markdown', '--suggest'], { cwd: dir });
    expect(run.stdout).toMatch(/^### Monthly cost of portfolio \(us-east-1\): \$158\.95/);
    expect(run.stdout).toMatch(/\| compute \| FrontendInstance1 \| 1 × t3\.micro \| \$7\.59 \|/);
    expect(run.stdout).toMatch(/\| \$36\.50 \| Use a single NAT gateway \|/);
  });

  it('points at the topology line of an instance type the table lacks', async () => {
    writeFileSync(
      join(dir, 'spec/bad.yaml'),
      spec().replace('instanceType: t3.micro', 'instanceType: z9.huge'),
    );
    const run = await runCli(['cost', 'spec/bad.yaml'], { cwd: dir });
    expect(run.code).not.toBe(0);
    const line =
      spec()
        .split('\n')
        .findIndex((l) => l.includes('instanceType: t3.micro')) + 1;
    expect(run.stderr).toContain(`spec/bad.yaml:${line}:19`);
    expect(run.stderr).toMatch(/instance type z9\.huge/);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('rejects an interruptible tier that does not exist, located', async () => {
    writeFileSync(join(dir, 'spec/bad2.yaml'), `${spec()}  interruptibleTiers: [bakend]\n`);
    const run = await runCli(['cost', 'spec/bad2.yaml', '--json'], { cwd: dir });
    expect(run.code).not.toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.diagnostics[0]).toMatchObject({
      code: 'reference/unknown-tier',
      path: 'cost.interruptibleTiers[0]',
    });
    expect(body.diagnostics[0].fix).toMatch(/backend/);
  });

  it('refuses an environment the topology does not declare rather than estimating the base', async () => {
    const run = await runCli(['cost', '--env', 'nowhere'], { cwd: dir });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/spec\/topology\.yaml has no environment "nowhere"/);
  });

  it('rejects an unknown format', async () => {
    const run = await runCli(['cost', '--format', 'xml'], { cwd: dir });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--format xml/);
  });
});

describe('strata diff ends with the monthly cost delta', () => {
  it('prints and carries in --json the cost before, after and per changed resource', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'strata-diff-cost-'));
    try {
      cpSync(join(ROOT, 'spec'), join(repo, 'spec'), { recursive: true });
      cpSync(join(ROOT, 'out'), join(repo, 'out'), { recursive: true });
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
      git('init', '-q');
      git('add', '-A');
      git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'seed');
      const file = join(repo, 'spec/topology.yaml');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('natGateways: per-az', 'natGateways: single'),
      );
      const text = await runCli(['diff'], { cwd: repo });
      expect(text.stdout).toMatch(/Monthly cost: \$158\.95 → \$122\.45 \(−\$36\.50\/month\)/);
      expect(text.stdout).toMatch(/- NatGatewayB +−\$33\.30\/month/);
      const json = JSON.parse((await runCli(['diff', '--json'], { cwd: repo })).stdout);
      // An edit that changes no cost still ends with the (unchanged) monthly cost.
      writeFileSync(
        file,
        readFileSync(file, 'utf8')
          .replace('natGateways: single', 'natGateways: per-az')
          .replace('HTTP from anywhere', 'HTTP from the internet'),
      );
      const same = await runCli(['diff'], { cwd: repo });
      expect(same.stdout).toMatch(/Monthly cost: \$158\.95 → \$158\.95 \(±\$0\.00\/month\)\n$/);
      expect(json.cost).toMatchObject({
        beforeUsd: 158.95,
        afterUsd: 122.45,
        differenceUsd: -36.5,
      });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
