import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SEED_TEXT } from '../core/helpers';
import { runCli } from '../core/run-cli';

function project(topology = SEED_TEXT): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-env-'));
  mkdirSync(join(dir, 'spec'));
  writeFileSync(join(dir, 'spec', 'topology.yaml'), topology);
  return dir;
}

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('generate with environments', () => {
  it('--all writes out/ and out/<env>/ for every environment, matching the committed ones', async () => {
    const dir = project();
    const r = await runCli(['generate', '--all'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ wrote 14 files to out/prod/ (environment prod)');
    for (const sub of ['', 'staging', 'prod', 'dr'])
      for (const name of files(join(ROOT, 'out', sub)).filter((n) => /\.(yaml|json)$/.test(n)))
        expect(readFileSync(join(dir, 'out', sub, name), 'utf8')).toBe(
          readFileSync(join(ROOT, 'out', sub, name), 'utf8'),
        );
    expect((await runCli(['generate', '--check'], { cwd: dir })).code).toBe(0);
  });

  it('--env writes only that environment, to out/<env>/ or to --out', async () => {
    const dir = project();
    expect((await runCli(['generate', '--env', 'dr'], { cwd: dir })).code).toBe(0);
    expect(files(join(dir, 'out'))).toEqual(['dr']);
    await runCli(['generate', '--env', 'prod', '--out', 'build/prod'], { cwd: dir });
    expect(files(join(dir, 'build/prod'))).toContain('manifest.json');
    const manifest = JSON.parse(readFileSync(join(dir, 'build/prod/manifest.json'), 'utf8'));
    expect(manifest.environment).toBe('prod');
    const lint = await runCli(['lint', '--out', 'build/prod'], { cwd: dir });
    expect(lint.code).toBe(0);
    const check = await runCli(['generate', '--env', 'prod', '--out', 'build/prod', '--check'], {
      cwd: dir,
    });
    expect(check.stdout).toContain('build/prod/ is up to date');
  });

  it('refuses an unknown environment with a suggestion, writing nothing', async () => {
    const dir = project();
    const r = await runCli(['generate', '--env', 'prd'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('spec/topology.yaml has no environment "prd"');
    expect(r.stderr).toContain('prod');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--all writes nothing when one environment is broken, and locates the error in its overlay', async () => {
    const text = SEED_TEXT.replace(
      '      availabilityZones: [us-west-2a, us-west-2b]',
      '      availabilityZones: [us-west-2a]',
    );
    const dir = project(text);
    const r = await runCli(['generate', '--all', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    const line = text.split('\n').findIndex((l) => l.includes('[us-west-2a]')) + 1;
    expect(body.diagnostics).toContainEqual(
      expect.objectContaining({
        path: 'environments.dr.network.availabilityZones',
        position: expect.objectContaining({ line }),
      }),
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('validate checks the base and every environment, or only --env', async () => {
    const dir = project();
    const all = await runCli(['validate'], { cwd: dir });
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('✔ spec/topology.yaml environment dr is valid');
    expect(all.stdout.trim().split('\n')).toHaveLength(4);
    const one = await runCli(['validate', '--env', 'prod', '--json'], { cwd: dir });
    expect(JSON.parse(one.stdout)).toMatchObject({ ok: true, environments: ['prod'] });
  });

  it('lint --env finds the environment folder and locates findings in its overlay', async () => {
    const text = SEED_TEXT.replace(
      '    deploy:\n      terminationProtection: false',
      '    database:\n      deletionProtection: false\n    deploy:\n      terminationProtection: false',
    );
    const dir = project(text);
    await runCli(['generate', '--env', 'staging'], { cwd: dir });
    const r = await runCli(['lint', '--env', 'staging', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout).runs[0].results.find(
      (x: { ruleId: string }) => x.ruleId === 'DB_NO_DELETION_PROTECTION',
    );
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'out/staging/database.yaml',
    );
    const line = text.split('\n').findIndex((l) => l.includes('deletionProtection: false')) + 1;
    expect(result.relatedLocations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'spec/topology.yaml' },
      region: { startLine: line, startColumn: 7 },
    });
  });

  it('says a warning of a base line once, not once per environment', async () => {
    const text = SEED_TEXT.replace(
      '{ port: 3306, from: { securityGroup: backend }',
      '{ port: 3306, from: { securityGroup: frontend }',
    );
    const dir = project(text);
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(0);
    // One warning per DB_* variable of the backend (5), each once, not again for staging, prod and dr.
    expect(r.stderr.match(/reach\/database-blocked/g)).toHaveLength(5);
    expect(r.stderr).not.toContain('(in environment');
    const gen = await runCli(['generate', '--all', '--no-lint'], { cwd: dir });
    expect(gen.stderr.match(/reach\/database-blocked/g)).toHaveLength(5);
  });
});
