import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpecError } from '../../src/errors';
import { generateTemplates, packageRoot } from '../../src/generate';
import { lintGenerated, lintRendered } from '../../src/lint';
import { BARE_SEED } from './helpers';

const ROOT = packageRoot();
const DIR = 'generator/test/fixtures/lint/topologies';
const SEED = BARE_SEED;

/** Generates a topology file (relative to the repository) and lints the result in memory, as `generate` does. */
function lintTopology(specFile: string) {
  const generated = generateTemplates(specFile, { cwd: ROOT });
  return lintGenerated(generated, { outDir: join(ROOT, 'out'), cwd: ROOT });
}

/** Writes a project (topology + generated out/) to a scratch folder, for the on-disk entry point. */
function project(topology: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-lint-'));
  mkdirSync(join(dir, 'spec'));
  writeFileSync(join(dir, 'spec/topology.yaml'), topology);
  const generated = generateTemplates('spec/topology.yaml', { cwd: dir, text: topology });
  mkdirSync(join(dir, 'out'));
  for (const [name, text] of generated.files) writeFileSync(join(dir, 'out', name), text);
  return dir;
}

describe('corpus of broken topologies', () => {
  for (const name of readdirSync(join(ROOT, DIR))
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    it(`${name} raises exactly its one rule, located on the topology line that caused it`, () => {
      const specFile = `${DIR}/${name}`;
      const text = readFileSync(join(ROOT, specFile), 'utf8');
      const [, rule, resource, path, snippet] =
        /^# expect: (\S+) (\S+) (\S+) "([^"]+)"$/m.exec(text) ?? [];
      const report = lintTopology(specFile);
      expect(report.findings.map((f) => [f.rule, f.resource, f.topology?.path])).toEqual([
        [rule, resource, path],
      ]);
      const where = report.findings[0].topology!;
      expect(where.file).toBe(specFile);
      // The line and column point at the offending setting in the file itself.
      const line = text.split('\n')[where.line - 1];
      expect(line).toContain(snippet);
      expect(line.slice(where.column - 1)).toMatch(
        new RegExp(
          `^${path
            .split('.')
            .pop()!
            .replace(/\[\d+\]$/, '')}`,
        ),
      );
    });
  }
});

describe('topology locations of rules whose setting lives elsewhere', () => {
  it('points IAM findings on every instance role at iam.instancePolicy', () => {
    const dir = project(
      SEED.replace(
        'actions: [cloudwatch:PutMetricData, ec2:DescribeVolumes, ec2:DescribeTags]',
        'actions: [cloudwatch:PutMetricData, s3:GetObject]',
      ),
    );
    const report = lintRendered(join(dir, 'out'), { cwd: dir });
    const iam = report.findings.filter((f) => f.rule.startsWith('IAM_'));
    expect(iam.map((f) => [f.rule, f.resource, f.topology?.path])).toEqual([
      ['IAM_WILDCARD_RESOURCE', 'FrontendInstanceRole', 'iam.instancePolicy'],
      ['IAM_WILDCARD_RESOURCE', 'BackendInstanceRole', 'iam.instancePolicy'],
    ]);
    expect(iam[0].message).toContain('s3:GetObject');
    expect(iam[0].topology?.sourceLine).toBe('  instancePolicy:');
  });
});

describe('suppressions', () => {
  it('silences a rule for one resource, counts it and keeps the reason', () => {
    const report = lintTopology(`${DIR}/db-backups.yaml`);
    expect(report.counts).toMatchObject({ warning: 1, suppressed: 1 });
    expect(report.suppressed.map((s) => [s.finding.rule, s.finding.resource, s.reason])).toEqual([
      [
        'ALB_HTTP_ONLY',
        'HttpListener80',
        'HTTPS needs a certificate and domain; tracked separately',
      ],
    ]);
  });

  it('does not silence other resources, and reports suppressions that matched nothing', () => {
    const dir = project(
      `${SEED}\nlint:\n  suppress:\n    - { rule: ALB_HTTP_ONLY, resource: OtherListener, reason: only for the other listener }\n`,
    );
    const report = lintRendered(join(dir, 'out'), { cwd: dir });
    expect(report.findings.map((f) => f.rule)).toEqual(['ALB_HTTP_ONLY']);
    expect(report.unusedSuppressions).toEqual([
      { rule: 'ALB_HTTP_ONLY', resource: 'OtherListener', reason: 'only for the other listener' },
    ]);
  });

  it('lints a generate result from what the run holds, with no topology or out/ on disk', () => {
    const empty = mkdtempSync(join(tmpdir(), 'strata-lint-nothing-'));
    const text = `${SEED}\nlint:\n  suppress:\n    - { rule: ALB_HTTP_ONLY, reason: not on disk anywhere }\n`;
    const generated = generateTemplates('spec/topology.yaml', { cwd: empty, text });
    expect(readdirSync(empty)).toEqual([]);
    const report = lintGenerated(generated, { outDir: join(empty, 'out'), cwd: empty });
    expect(report.suppressed.map((s) => s.reason)).toEqual(['not on disk anywhere']);
    expect(report.files).toEqual(generated.manifest.stacks.map((s) => `out/${s.template}`));
  });

  it('rejects a suppression without a reason, located in the topology, as generate does', () => {
    const dir = project(SEED);
    writeFileSync(
      join(dir, 'spec/topology.yaml'),
      `${SEED}\nlint:\n  suppress:\n    - { rule: ALB_HTTP_ONLY }\n`,
    );
    let error: unknown;
    try {
      lintRendered(join(dir, 'out'), { cwd: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    const [d] = (error as SpecError).diagnostics;
    expect(d).toMatchObject({
      code: 'schema/required',
      path: 'lint.suppress[0]',
      message: 'missing required property `reason`',
    });
    expect(d.position).toMatchObject({
      file: 'spec/topology.yaml',
      line: SEED.split('\n').length + 3,
    });
  });
});

describe('the kept lint report of generate', () => {
  const text = readFileSync(join(ROOT, DIR, readdirSync(join(ROOT, DIR)).sort()[0]), 'utf8');
  const lint = (topology: string, cacheDir?: false) => {
    const generated = generateTemplates('spec/topology.yaml', { cwd: ROOT, text: topology });
    return lintGenerated(generated, { outDir: join(ROOT, 'out'), cwd: ROOT, cacheDir });
  };
  const located = (report: ReturnType<typeof lint>) =>
    report.findings.map((f) => [f.rule, f.topology?.line, f.topology?.column]);

  it('gives the report a fresh lint gives, run after run', () => {
    const fresh = lint(text, false);
    expect(fresh.findings.length).toBeGreaterThan(0);
    expect(lint(text).findings).toEqual(fresh.findings);
    expect(lint(text).findings).toEqual(fresh.findings);
  });

  it('is not reused when only the topology moves (same templates, findings one line down)', () => {
    const before = located(lint(text));
    const after = located(lint(`# a comment that changes no template\n${text}`));
    expect(after).toEqual(before.map(([rule, line, column]) => [rule, Number(line) + 1, column]));
  });
});
