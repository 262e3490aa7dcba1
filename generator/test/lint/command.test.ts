import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../core/run-cli';
import { BARE_SEED } from './helpers';

const SEED = BARE_SEED;
const BROKEN = join(__dirname, '../fixtures/lint/templates');

/** A scratch project: the seed topology (plus `extra`), generated into out/ without linting. */
async function project(extra = ''): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-lint-cli-'));
  mkdirSync(join(dir, 'spec'));
  writeFileSync(join(dir, 'spec/topology.yaml'), SEED + extra);
  const r = await runCli(['generate', '--no-lint'], { cwd: dir });
  if (r.code !== 0) throw new Error(r.stderr);
  return dir;
}

/** A folder holding some of the broken corpus templates. */
function brokenDir(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-lint-broken-'));
  for (const name of names) cpSync(join(BROKEN, name), join(dir, 'templates', name));
  return dir;
}

const SUPPRESS_HTTP =
  '\nlint:\n  suppress:\n    - { rule: ALB_HTTP_ONLY, reason: no certificate for this demo yet }\n';

describe('strata lint', () => {
  it('lints the generated seed: only the HTTP-only warning, with its topology line, exit 0', async () => {
    const r = await runCli(['lint'], { cwd: await project() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('out/load-balancer.yaml\n  HttpListener80\n');
    expect(r.stdout).toMatch(/spec\/topology\.yaml:\d+:\d+ loadBalancer\.listeners\[0\]\.protocol/);
    expect(r.stdout).toContain(
      '⚠ 1 warning in 7 templates, schemas from @aws-cdk/aws-service-spec',
    );
  });

  it('is clean with the warning suppressed, and says how many were suppressed', async () => {
    const r = await runCli(['lint'], { cwd: await project(SUPPRESS_HTTP) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'ALB_HTTP_ONLY HttpListener80 (out/load-balancer.yaml) — no certificate for this demo yet',
    );
    expect(r.stdout).toMatch(/✔ 7 templates, .*: lint clean \(1 suppressed\)/);
  });

  it('exits 1 on an error, grouping findings by file and resource', async () => {
    const dir = brokenDir('ssh-open.yaml', 'db-backups.yaml');
    const r = await runCli(['lint', 'templates'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'templates/db-backups.yaml\n  Database\n    13:7    warning Database keeps automated backups for 1 day',
    );
    expect(r.stdout).toContain(
      'templates/ssh-open.yaml\n  WebSecurityGroup\n    9:11    error WebSecurityGroup lets the whole internet reach SSH (port 22)',
    );
    expect(r.stdout).toContain('✖ 1 error, 1 warning in 2 templates');
  });

  it('--json gives the findings, counts and schema version', async () => {
    const r = await runCli(['lint', 'templates', '--json'], { cwd: brokenDir('ssh-open.yaml') });
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body).toMatchObject({
      ok: false,
      counts: { error: 1, warning: 0, suppressed: 0 },
      schemas: { source: '@aws-cdk/aws-service-spec' },
    });
    expect(body.findings[0]).toMatchObject({
      rule: 'SSH_OPEN_TO_WORLD',
      file: 'templates/ssh-open.yaml',
      resource: 'WebSecurityGroup',
      path: 'Resources.WebSecurityGroup.Properties.SecurityGroupIngress[0]',
      position: { line: 9, column: 11 },
      source: 'strata',
    });
  });

  it('--format sarif writes SARIF 2.1.0 with rules, levels, locations and suppressions', async () => {
    const dir = await project(SUPPRESS_HTTP);
    writeFileSync(
      join(dir, 'spec/topology.yaml'),
      SEED +
        SUPPRESS_HTTP.replace(
          'rule: ALB_HTTP_ONLY,',
          'rule: ALB_HTTP_ONLY, resource: HttpListener80,',
        ),
    );
    const r = await runCli(['lint', '--format', 'sarif'], { cwd: dir });
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('strata-lint');
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining(['SSH_OPEN_TO_WORLD', 'UNKNOWN_PROPERTY', 'ALB_HTTP_ONLY']),
    );
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({
      ruleId: 'ALB_HTTP_ONLY',
      level: 'warning',
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'out/load-balancer.yaml' } },
          logicalLocations: [{ name: 'HttpListener80' }],
        },
      ],
      relatedLocations: [{ physicalLocation: { artifactLocation: { uri: 'spec/topology.yaml' } } }],
      suppressions: [{ kind: 'external', justification: 'no certificate for this demo yet' }],
    });
  });

  it('colours only on a TTY, never with NO_COLOR', async () => {
    const dir = brokenDir('ssh-open.yaml');
    expect((await runCli(['lint', 'templates'], { cwd: dir, tty: true })).stdout).toContain(
      '\u001b[31merror',
    );
    expect(
      (await runCli(['lint', 'templates'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toContain('\u001b[');
    expect((await runCli(['lint', 'templates'], { cwd: dir })).stdout).not.toContain('\u001b[');
  });

  it('explains a missing folder, a bad format and broken YAML without a stack trace', async () => {
    const dir = brokenDir();
    expect((await runCli(['lint', 'nowhere'], { cwd: dir })).stderr).toContain('no such folder');
    expect((await runCli(['lint', '--format', 'xml'], { cwd: dir })).stderr).toContain(
      'unknown format "xml"',
    );
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad/t.yaml'), 'Resources:\n  A: [\n');
    const r = await runCli(['lint', 'bad'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\/t\.yaml:\d+:\d+: not valid YAML/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it("--spec applies a topology's suppressions to a folder without a manifest", async () => {
    const dir = brokenDir('alb-http-only.yaml');
    writeFileSync(join(dir, 'topology.yaml'), `${SEED}${SUPPRESS_HTTP}`);
    const r = await runCli(['lint', 'templates', '--spec', 'topology.yaml', '--json'], {
      cwd: dir,
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, counts: { warning: 0, suppressed: 1 } });
  });

  it('--cfn-lint runs cfn-lint and reports it beside strata, in JSON too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-lint-cfn-'));
    cpSync(
      join(__dirname, '../fixtures/lint/cfn-lint/template.yaml'),
      join(dir, 'templates/template.yaml'),
    );
    const r = await runCli(['lint', 'templates', '--cfn-lint', '--json'], {
      cwd: dir,
      env: process.env,
    });
    const body = JSON.parse(r.stdout);
    expect(body.findings.map((f: { rule: string }) => f.rule)).toContain('UNKNOWN_PROPERTY');
    expect(body.cfnLint.skipped).toBeUndefined();
    expect(
      body.cfnLint.findings
        .filter(
          (f: { staleSpec: boolean; severity: string }) => f.severity === 'error' && !f.staleSpec,
        )
        .map((f: { path: string }) => f.path),
    ).toEqual(['Resources.Db.Properties.Bogus']);
    expect(r.code).toBe(1);
  }, 120_000);
});

describe('strata generate runs lint', () => {
  it('refuses to write a topology whose templates fail lint, pointing at the topology line', async () => {
    const dir = await project();
    const broken = SEED.replace('encrypted: true', 'encrypted: false');
    writeFileSync(join(dir, 'spec/topology.yaml'), broken);
    const before = readFileSync(join(dir, 'out/database.yaml'), 'utf8');
    const r = await runCli(['generate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/spec\/topology\.yaml:\d+:\d+ database\.storage\.encrypted/);
    expect(r.stderr).toContain('✖ lint: 1 error, 1 warning; nothing was written');
    expect(readFileSync(join(dir, 'out/database.yaml'), 'utf8')).toBe(before);
    const skipped = await runCli(['generate', '--no-lint'], { cwd: dir });
    expect(skipped.code).toBe(0);
    expect(readFileSync(join(dir, 'out/database.yaml'), 'utf8')).not.toBe(before);
  });

  it('--check fails on a lint error too, so CI catches it', async () => {
    const dir = await project();
    writeFileSync(
      join(dir, 'spec/topology.yaml'),
      SEED.replace(
        'backupRetentionDays: 7',
        'backupRetentionDays: 7\n  deletionProtection: true',
      ).replace('encrypted: true', 'encrypted: false'),
    );
    const r = await runCli(['generate', '--check', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      code: 'E_LINT',
      lint: { counts: { error: 1 } },
    });
  });
});
