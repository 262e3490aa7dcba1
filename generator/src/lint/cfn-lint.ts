import { spawnSync } from 'node:child_process';
import { issueToFinding, parseNpxText, parsePythonJson, type CfnLintIssue } from './cfn-lint-parse';
import type { ResourceSchemas } from './resource-data';
import type { CfnLintSection, Finding, TemplateFile } from './types';

/** Which cfn-lint is used: the Python one (current schemas, JSON output) or the npm one through npx (2019 spec, text output). */
export type CfnLintFlavour = { kind: 'python'; version: string } | { kind: 'npx' };

/** A command runner, injectable so tests can replay captured output; the default spawns the process. */
export type Runner = (
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
) => { status: number | null; stdout: string; stderr: string; missing?: boolean };

/** Runs a command without a shell and collects its output. */
export const spawnRunner: Runner = (command, args, options) => {
  const r = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? (r.error ? String(r.error) : ''),
    missing,
  };
};

/** The Python cfn-lint when one on PATH answers `cfn-lint --version` with `cfn-lint X.Y`, else npx. */
export function detectCfnLint(run: Runner, cwd: string, env: NodeJS.ProcessEnv): CfnLintFlavour {
  const r = run('cfn-lint', ['--version'], { cwd, env });
  const version = /cfn-lint (\d+\.\d+\.\d+)/.exec(`${r.stdout}${r.stderr}`);
  return !r.missing && version ? { kind: 'python', version: version[1] } : { kind: 'npx' };
}

/** A template to hand to cfn-lint: its path on disk, its name in findings and the template as strata read it. */
export interface CfnLintTarget {
  path: string;
  shown: string;
  file: TemplateFile;
}

/** What cfn-lint needs besides the templates. */
export interface CfnLintOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  region: string;
  schemas: ResourceSchemas;
  run?: Runner;
}

function toFindings(
  issues: CfnLintIssue[],
  targets: CfnLintTarget[],
  schemas: ResourceSchemas,
): Finding[] {
  return issues.map((issue) => {
    const target = issue.file
      ? targets.find(
          (t) => t.path === issue.file || t.shown === issue.file || issue.file.endsWith(t.shown),
        )
      : undefined;
    return issueToFinding(issue, target?.shown ?? issue.file, target?.file, schemas);
  });
}

function runPython(
  targets: CfnLintTarget[],
  version: string,
  options: CfnLintOptions,
  run: Runner,
): CfnLintSection {
  const args = [
    '--format',
    'json',
    '--regions',
    options.region,
    '--',
    ...targets.map((t) => t.path),
  ];
  const command = `cfn-lint ${version} (Python)`;
  const r = run('cfn-lint', args, options);
  // Exit codes are a bit mask of error (2), warning (4) and info (8); 1 means cfn-lint itself failed.
  if (r.status === 1 || r.status === null)
    return {
      command,
      findings: [],
      skipped: `cfn-lint failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`,
    };
  try {
    return { command, findings: toFindings(parsePythonJson(r.stdout), targets, options.schemas) };
  } catch (error) {
    return {
      command,
      findings: [],
      skipped: `cannot read cfn-lint's JSON output: ${(error as Error).message}`,
    };
  }
}

function runNpx(targets: CfnLintTarget[], options: CfnLintOptions, run: Runner): CfnLintSection {
  const command = 'npx --yes cfn-lint (npm cfn-lint, 2019 resource spec)';
  const issues: CfnLintIssue[] = [];
  for (const target of targets) {
    const r = run('npx', ['--yes', 'cfn-lint', 'validate', target.path], options);
    if (r.missing)
      return { command, findings: [], skipped: 'neither a Python cfn-lint nor npx is on PATH' };
    const out = `${r.stdout}\n${r.stderr}`;
    if (r.status !== 0 && !/Resource: |Template invalid/.test(out)) {
      return {
        command,
        findings: [],
        skipped: `npx cfn-lint failed: ${out.trim().split('\n').slice(-3).join(' ')}`,
      };
    }
    issues.push(...parseNpxText(out, target.path));
  }
  return { command, findings: toFindings(issues, targets, options.schemas) };
}

/** Runs cfn-lint over the templates and returns its findings, each marked when the current schemas contradict it. */
export function runCfnLint(targets: CfnLintTarget[], options: CfnLintOptions): CfnLintSection {
  const run = options.run ?? spawnRunner;
  const flavour = detectCfnLint(run, options.cwd, options.env);
  return flavour.kind === 'python'
    ? runPython(targets, flavour.version, options, run)
    : runNpx(targets, options, run);
}
