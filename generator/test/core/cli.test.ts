import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SEED_TEXT } from './helpers';
import { runCli } from './run-cli';

/** A scratch project holding a copy of the seed topology. */
function project(topology = SEED_TEXT): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
  mkdirSync(join(dir, 'spec'));
  writeFileSync(join(dir, 'spec', 'topology.yaml'), topology);
  return dir;
}

function snapshot(dir: string): Record<string, { text: string; mtime: number }> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((n) => [
        n,
        { text: readFileSync(join(dir, n), 'utf8'), mtime: statSync(join(dir, n)).mtimeMs },
      ]),
  );
}

describe('strata validate', () => {
  it('accepts the seed and summarises it', async () => {
    const r = await runCli(['validate'], { cwd: project() });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(
      'spec/topology.yaml is valid: 2 zones, 3 subnet groups, 4 security groups, 2 tiers (4 instances), a database, a load balancer',
    );
  });

  it('reports every error located, with the source line and a caret, and no stack trace', async () => {
    const r = await runCli(['validate'], {
      cwd: project(
        SEED_TEXT.replace('10.0.12.0/24', '10.0.12.9/24').replace(
          'port: 5001\n    subnets: private',
          'port: 5001\n    subnets: privte',
        ),
      ),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'spec/topology.yaml:21:29 error network.subnets.private.cidrs[1]: `10.0.12.9/24` has host bits set — write `10.0.12.0/24`, the block AWS would store',
    );
    expect(r.stderr).toContain(
      '      cidrs: [10.0.11.0/24, 10.0.12.9/24]\n     |                             ^',
    );
    expect(r.stderr).toContain('did you mean `private`?');
    expect(r.stderr).toContain('✖ 2 errors in the topology');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints diagnostics as JSON with --json', async () => {
    const r = await runCli(['validate', '--json'], {
      cwd: project('name: Bad Name\nregion: us-east-1\nnetwork: {}\n'),
    });
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body.ok).toBe(false);
    expect(
      body.diagnostics.map((d: { code: string; path: string }) => `${d.code} ${d.path}`),
    ).toEqual([
      'schema/pattern name',
      'schema/required network',
      'schema/required network',
      'schema/required network',
    ]);
  });

  it('says so when the file does not exist', async () => {
    const r = await runCli(['validate', 'nope.yaml'], { cwd: project() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read topology nope.yaml: no such file');
  });

  it('colours only on a TTY, and never with NO_COLOR', async () => {
    const bad = SEED_TEXT.replace('natGateways: per-az', 'natGateways: sometimes');
    expect((await runCli(['validate'], { cwd: project(bad), tty: true })).stderr).toContain(
      '\u001b[31merror',
    );
    expect(
      (await runCli(['validate'], { cwd: project(bad), tty: true, env: { NO_COLOR: '1' } })).stderr,
    ).not.toContain('\u001b[');
    expect((await runCli(['validate'], { cwd: project(bad) })).stderr).not.toContain('\u001b[');
  });
});

describe('strata generate', () => {
  it('writes one template per layer and the manifest, byte-identical to the committed out/', async () => {
    const dir = project();
    const r = await runCli(['generate'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ wrote 9 files to out/');
    // Environments live in their own folders (out/prod/), written by --env or --all.
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'compute.yaml',
      'database.yaml',
      'diagram.svg',
      'gateways.yaml',
      'identity.yaml',
      'load-balancer.yaml',
      'manifest.json',
      'network.yaml',
      'security.yaml',
    ]);
    for (const name of readdirSync(join(dir, 'out'))) {
      expect(readFileSync(join(dir, 'out', name), 'utf8')).toBe(
        readFileSync(join(ROOT, 'out', name), 'utf8'),
      );
    }
  });

  it('--check passes on a current out/ and fails, naming the file and the change, on a stale one', async () => {
    const dir = project();
    // --check covers every environment, so a base-only generate leaves it failing on out/prod/.
    await runCli(['generate'], { cwd: dir });
    const partial = await runCli(['generate', '--check'], { cwd: dir });
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('out/prod/ is stale');
    await runCli(['generate', '--all'], { cwd: dir });
    expect((await runCli(['generate', '--check'], { cwd: dir })).code).toBe(0);
    writeFileSync(
      join(dir, 'spec', 'topology.yaml'),
      SEED_TEXT.replace('intervalSeconds: 30', 'intervalSeconds: 20'),
    );
    const r = await runCli(['generate', '--check'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '-      HealthCheckIntervalSeconds: 30\n+      HealthCheckIntervalSeconds: 20',
    );
    expect(r.stderr).toContain('out/ is stale: compute.yaml differs');
  });

  it('leaves out/ exactly as it was when the topology is invalid', async () => {
    const dir = project();
    await runCli(['generate'], { cwd: dir });
    const before = snapshot(join(dir, 'out'));
    writeFileSync(
      join(dir, 'spec', 'topology.yaml'),
      SEED_TEXT.replace('cidr: 10.0.0.0/16', 'cidr: 10.0.0.0/33'),
    );
    const r = await runCli(['generate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(snapshot(join(dir, 'out'))).toEqual(before);
    expect(readdirSync(dir).filter((n) => n.startsWith('.strata-tmp'))).toEqual([]);
  });

  it('removes the template of a layer the topology no longer needs', async () => {
    const dir = project();
    await runCli(['generate'], { cwd: dir });
    const withoutLb = SEED_TEXT.slice(0, SEED_TEXT.indexOf('\nloadBalancer:') + 1);
    const r = await runCli(['generate'], { cwd: project(withoutLb) });
    expect(r.code).toBe(0);
    cpSync(join(dir, 'out'), join(dir, 'out-copy'), { recursive: true });
    writeFileSync(join(dir, 'spec', 'topology.yaml'), withoutLb);
    const again = await runCli(['generate'], { cwd: dir });
    expect(again.stdout).toContain('removed out/load-balancer.yaml');
    expect(existsSync(join(dir, 'out', 'load-balancer.yaml'))).toBe(false);
  });

  it('writes to --out and reports counts as JSON', async () => {
    const dir = project();
    const r = await runCli(['generate', '--out', 'build/cfn', '--json'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      files: expect.arrayContaining([{ file: 'network.yaml', resources: 18 }]),
    });
    expect(existsSync(join(dir, 'build/cfn/manifest.json'))).toBe(true);
  });
});

describe('the installed binary', () => {
  const bin = join(ROOT, 'generator/bin/strata.js');
  const built = existsSync(join(ROOT, 'dist/generator/src/bin.js'));

  (built ? it : it.skip)(
    'prints its version and exits 2 on a usage error, without AWS SDK notices',
    () => {
      expect(execFileSync('node', [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(
        (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
          .version,
      );
      const r = spawnSync('node', [bin, 'frobnicate'], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("unknown command 'frobnicate'");
      expect(r.stderr).not.toMatch(/NodeVersionSupportWarning|NodeDeprecationWarning/);
    },
  );
});

describe('usage errors', () => {
  it('exit 2 for an unknown option, naming it', async () => {
    const r = await runCli(['generate', '--frobnicate'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });

  it('exit 2 for an option missing its argument', async () => {
    const r = await runCli(['generate', '--out'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('argument missing');
  });

  it('exit 2 for a --progress style that does not exist, listing the styles', async () => {
    const r = await runCli(['deploy', '--progress', 'dots'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are bar, events');
  });

  it('exit 0 for --help', async () => {
    expect((await runCli(['generate', '--help'], { cwd: project() })).code).toBe(0);
  });
});
