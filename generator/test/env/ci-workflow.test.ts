/**
 * Runs the `run:` steps of examples/ci/strata.yml with bash, in a scratch git repository, the way the
 * workflow's jobs would (not the workflow engine): `npx strata` is the built CLI, `gh` records what it
 * would post, and the deploy jobs reach the local CloudFormation-compatible endpoint through
 * AWS_ENDPOINT_URL. Needs `npm run build` (the CLI runs from dist/).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FakeCloudFormation } from '../deploy/fake-cloudformation';
import { serveFake } from '../deploy/fake-endpoint';
import { ROOT } from '../core/helpers';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Job {
  steps: Step[];
  permissions?: Record<string, string>;
  environment?: string;
}

const WORKFLOW = parse(readFileSync(join(ROOT, 'examples/ci/strata.yml'), 'utf8')) as {
  jobs: Record<string, Job>;
};

/** Replaces `${{ expr }}` with the values the test gives; an unknown expression fails the test. */
function expand(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    if (!(expr in values)) throw new Error(`the test does not know \${{ ${expr} }}`);
    return values[expr];
  });
}

/** A scratch checkout: a git repository with the project on `main` and a pull request's commit on top. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-ci-'));
  for (const part of ['spec', 'out', 'apps'])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  // The apps bundle against the project's dependencies.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'main');
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  // The pull request: prod moves to bigger backend instances, with out/ regenerated as the author would.
  const spec = join(dir, 'spec/topology.yaml');
  writeFileSync(
    spec,
    readFileSync(spec, 'utf8').replace(
      '      backend:\n        count: null\n',
      '      backend:\n        instanceType: t3.small\n        count: null\n',
    ),
  );
  execFileSync('node', [join(ROOT, 'generator/bin/strata.js'), 'generate', '--all'], {
    cwd: dir,
    stdio: 'pipe',
  });
  git('commit', '-qam', 'prod: t3.small backends');
  return dir;
}

/** Shims on PATH: `npx strata` runs the built CLI, `npm ci` is already done, `gh` writes down its call. */
function shims(dir: string): string {
  const bin = join(dir, '.shims');
  mkdirSync(bin);
  const cli = join(ROOT, 'generator/bin/strata.js');
  const scripts: Record<string, string> = {
    npx: `[ "$1" = strata ] || { echo "unexpected npx $*" >&2; exit 1; }\nshift\nexec node ${cli} "$@"`,
    npm: `[ "$1" = ci ] || { echo "unexpected npm $*" >&2; exit 1; }`,
    gh: `echo "$*" >> "${join(dir, 'gh-calls.txt')}"`,
  };
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

/** The `NAME=value` lines a step appended to $GITHUB_ENV. */
function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** A step's `if:`, for the one form the workflow uses (`env.NAME == 'value'`); anything else fails the test. */
function condition(step: Step & { if?: string }, jobEnv: Record<string, string>): boolean {
  if (step.if === undefined) return true;
  const m = /^env\.(\w+) == '([^']*)'$/.exec(step.if.trim());
  if (!m) throw new Error(`the test cannot evaluate if: ${step.if}`);
  return jobEnv[m[1]] === m[2];
}

/** Runs a job's `run:` steps in order with bash -e, as a runner would; returns the step outputs. */
function runJob(
  dir: string,
  job: Job,
  values: Record<string, string>,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const outputs: Record<string, string> = {};
  const files = { GITHUB_OUTPUT: join(dir, 'github-output'), GITHUB_ENV: join(dir, 'github-env') };
  for (const step of job.steps) {
    if (step.uses?.startsWith('aws-actions/configure-aws-credentials'))
      env = { ...env, AWS_REGION: step.with!['aws-region'] };
    if (!step.run || !condition(step, readEnvFile(files.GITHUB_ENV))) continue;
    writeFileSync(files.GITHUB_OUTPUT, '');
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, values)]),
    );
    const r = spawnSync('bash', ['-e', '-c', expand(step.run, values)], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...env, ...readEnvFile(files.GITHUB_ENV), ...files, ...stepEnv },
      timeout: 120_000,
    });
    if (r.status !== 0)
      throw new Error(
        `step "${step.name ?? step.run}" failed (${r.status}):\n${r.stdout}\n${r.stderr}`,
      );
    for (const line of readFileSync(files.GITHUB_OUTPUT, 'utf8').split('\n'))
      if (line.includes('='))
        outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}

describe('examples/ci/strata.yml, run step by step', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = checkout();
    env = {
      PATH: `${shims(dir)}:${process.env.PATH}`,
      HOME: dir,
      NO_COLOR: '1',
      AWS_CONFIG_FILE: join(dir, 'no-aws-config'),
    };
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('deploys with OIDC role credentials only, prod after staging in an approvable environment', () => {
    const { 'deploy-staging': staging, 'deploy-prod': prod } = WORKFLOW.jobs;
    for (const job of [staging, prod]) {
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      const aws = job.steps.find((s) =>
        s.uses?.startsWith('aws-actions/configure-aws-credentials'),
      )!;
      expect(Object.keys(aws.with!).sort()).toEqual(['aws-region', 'role-to-assume']);
    }
    expect((prod as Job & { needs: string }).needs).toBe('deploy-staging');
    expect(prod.environment).toBe('production');
  });

  it('on a pull request: checks out/, posts the plan of every environment, lints each folder to SARIF', () => {
    const values = {
      'github.base_ref': 'main',
      'github.token': 'token',
      'github.event.pull_request.number': '7',
    };
    const outputs = runJob(dir, WORKFLOW.jobs.check, values, env);
    const folders = JSON.parse(outputs.list) as string[];
    expect(folders).toEqual(['out', 'out/staging', 'out/prod', 'out/dr']);
    const plan = readFileSync(join(dir, 'plan.md'), 'utf8');
    const section = (name: string) =>
      plan.slice(plan.indexOf(`<summary>${name}</summary>`)).split('</details>')[0];
    expect(section('prod')).toMatch(/InstanceType[\s\S]*t3\.micro[\s\S]*t3\.small/);
    expect(section('staging')).not.toContain('t3.small');
    expect(section('base topology')).not.toContain('t3.small');
    expect(readFileSync(join(dir, 'gh-calls.txt'), 'utf8')).toBe(
      'pr comment 7 --body-file plan.md --edit-last\n',
    );

    let found = 0;
    for (const out of folders) {
      rmSync(join(dir, 'github-env'), { force: true });
      runJob(dir, WORKFLOW.jobs.lint, { 'matrix.out': out }, env);
      const sarif = JSON.parse(readFileSync(join(dir, 'strata.sarif'), 'utf8'));
      expect({ out, version: sarif.version, tool: sarif.runs[0].tool.driver.name }).toEqual({
        out,
        version: '2.1.0',
        tool: 'strata-lint',
      });
      const uris = sarif.runs[0].results.map(
        (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
          x.locations[0].physicalLocation.artifactLocation.uri,
      );
      // A folder may have no finding at all (prod redirects HTTP); across folders some must show.
      found += uris.length;
      for (const uri of uris) expect(uri).toMatch(new RegExp(`^${out}/[a-z-]+\\.yaml$`));
      expect(
        existsSync(join(dir, 'github-env')) ? readFileSync(join(dir, 'github-env'), 'utf8') : '',
      ).not.toContain('failed=1');
    }
    expect(found).toBeGreaterThan(0);
  }, 180_000);

  it('on main: deploys staging, then prod, each into its own stacks', async () => {
    const fake = new FakeCloudFormation({ mock: false });
    for (const envName of ['staging', 'prod']) {
      const manifest = JSON.parse(readFileSync(join(dir, 'out', envName, 'manifest.json'), 'utf8'));
      fake.scripts[`portfolio-${envName}-bootstrap`] = {
        outputs: { BucketName: `${envName}-bucket` },
      };
      for (const s of manifest.stacks)
        fake.scripts[s.stackName] = {
          outputs: Object.fromEntries(s.outputs.map((o: string) => [o, `${o}-value`])),
        };
    }
    const endpoint = await serveFake(fake);
    const aws = {
      ...env,
      AWS_ENDPOINT_URL: endpoint.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      STRATA_POLL_INTERVAL_MS: '0',
    };
    const values = {
      'vars.STRATA_DEPLOY_ROLE_ARN': 'arn:aws:iam::123456789012:role/strata-deploy',
    };
    try {
      // The endpoint lives in this process, so the steps run without blocking its event loop.
      await runJobAsync(dir, WORKFLOW.jobs['deploy-staging'], values, aws);
      await runJobAsync(dir, WORKFLOW.jobs['deploy-prod'], values, aws);
      const names = [...fake.stacks.keys()];
      expect(names.filter((n) => n.startsWith('portfolio-staging-')).length).toBe(8);
      // prod adds the logs, alerts, certificate, firewall and monitoring stacks.
      expect(names.filter((n) => n.startsWith('portfolio-prod-')).length).toBe(13);
      expect(names.filter((n) => !/^portfolio-(staging|prod)-/.test(n))).toEqual([]);
      for (const [name, stack] of fake.stacks)
        expect({ name, status: stack.status }).toEqual({ name, status: 'CREATE_COMPLETE' });
    } finally {
      await endpoint.close();
    }
  }, 240_000);
});

/** runJob, but each step in a child process that does not block this one (the endpoint lives here). */
async function runJobAsync(
  dir: string,
  job: Job,
  values: Record<string, string>,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const { spawn } = await import('node:child_process');
  for (const step of job.steps) {
    if (step.uses?.startsWith('aws-actions/configure-aws-credentials'))
      env = { ...env, AWS_REGION: step.with!['aws-region'] };
    if (!step.run) continue;
    const script = expand(step.run, values);
    const { code, output } = await new Promise<{ code: number | null; output: string }>(
      (resolve) => {
        const child = spawn('bash', ['-e', '-c', script], { cwd: dir, env });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('close', (c) => resolve({ code: c, output }));
      },
    );
    if (code !== 0) throw new Error(`step "${step.name ?? script}" failed (${code}):\n${output}`);
  }
}
