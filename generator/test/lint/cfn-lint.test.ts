import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  detectCfnLint,
  runCfnLint,
  spawnRunner,
  type CfnLintTarget,
  type Runner,
} from '../../src/lint/cfn-lint';
import { contradictsSchemas, parseNpxText, parsePythonJson } from '../../src/lint/cfn-lint-parse';
import { parseTemplateFile } from '../../src/lint/template-file';
import { schemas } from './helpers';

const DIR = join(__dirname, '../fixtures/lint/cfn-lint');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
/** The fixture template, as cfn-lint was given it when the outputs below were captured. */
const target: CfnLintTarget = {
  path: 'template.yaml',
  shown: 'fixtures/template.yaml',
  file: parseTemplateFile('fixtures/template.yaml', read('template.yaml')),
};

/** A runner that replays captured output instead of spawning, recording what it was asked to run. */
function replay(
  answers: Record<
    string,
    { status: number | null; stdout?: string; stderr?: string; missing?: boolean }
  >,
) {
  const calls: string[] = [];
  const run: Runner = (command, args) => {
    calls.push([command, ...args].join(' '));
    const a = answers[`${command} ${args[0]}`] ??
      answers[command] ?? { status: null, missing: true };
    return { status: a.status, stdout: a.stdout ?? '', stderr: a.stderr ?? '', missing: a.missing };
  };
  return { run, calls };
}

const base = { cwd: DIR, env: {}, region: 'us-east-1' };

describe('cfn-lint output parsing', () => {
  it('reads the Python cfn-lint JSON (captured from cfn-lint 1.51 on the fixture)', () => {
    expect(parsePythonJson(read('python-output.json'))).toEqual([
      {
        rule: 'E3002',
        severity: 'error',
        message: "Additional properties are not allowed ('Bogus' was unexpected)",
        file: 'template.yaml',
        path: ['Resources', 'Db', 'Properties', 'Bogus'],
        line: 13,
        column: 7,
      },
    ]);
    expect(parsePythonJson('')).toEqual([]);
    // Configuration errors come with no file and no path.
    const config =
      '[{"Filename": null, "Level": "Error", "Message": "x could not be processed", "Rule": {"Id": "E0003"}, "Location": {"Path": null, "Start": {"LineNumber": 1, "ColumnNumber": 1}}}]';
    expect(parsePythonJson(config)).toMatchObject([{ rule: 'E0003', file: '', path: [] }]);
  });

  it('reads the npm cfn-lint text report (captured from cfn-lint@1.9.7 via npx), colour codes and all', () => {
    const issues = parseNpxText(read('npx-output.txt'), 'template.yaml');
    expect(issues.map((i) => [i.severity, i.path.join('.'), i.message])).toEqual([
      [
        'error',
        'Outputs.Secret.Value',
        'No such attribute MasterUserSecret.SecretArn on AWS::RDS::DBInstance',
      ],
      [
        'error',
        'Resources.Db.Properties.ManageMasterUserPassword',
        'ManageMasterUserPassword is not a valid property of AWS::RDS::DBInstance',
      ],
      [
        'error',
        'Resources.Db.Properties.Bogus',
        'Bogus is not a valid property of AWS::RDS::DBInstance',
      ],
      [
        'error',
        'Resources.Inst.Properties.MetadataOptions',
        'MetadataOptions is not a valid property of AWS::EC2::Instance',
      ],
    ]);
  });

  it('takes severities from the heading each block follows', () => {
    const text =
      '0 infos\n1 warn\nResource: Resources > A\nMessage: careful\nDocumentation: x\n\n1 crit\nResource: Resources > B\nMessage: broken\nDocumentation: y\n';
    expect(parseNpxText(text, 't.yaml').map((i) => [i.severity, i.message])).toEqual([
      ['warning', 'careful'],
      ['error', 'broken'],
    ]);
  });
});

describe('stale-spec marking', () => {
  const t = target.file.template;
  const issue = (message: string, path: Array<string | number>) => ({
    rule: 'x',
    severity: 'error' as const,
    message,
    file: 'template.yaml',
    path,
  });

  it('marks claims the current schemas contradict, and only those', () => {
    expect(
      contradictsSchemas(
        issue('ManageMasterUserPassword is not a valid property of AWS::RDS::DBInstance', [
          'Resources',
          'Db',
          'Properties',
          'ManageMasterUserPassword',
        ]),
        t,
        schemas(),
      ),
    ).toBe(true);
    expect(
      contradictsSchemas(
        issue('Bogus is not a valid property of AWS::RDS::DBInstance', [
          'Resources',
          'Db',
          'Properties',
          'Bogus',
        ]),
        t,
        schemas(),
      ),
    ).toBe(false);
    expect(
      contradictsSchemas(
        issue("Additional properties are not allowed ('Bogus' was unexpected)", [
          'Resources',
          'Db',
          'Properties',
          'Bogus',
        ]),
        t,
        schemas(),
      ),
    ).toBe(false);
    expect(
      contradictsSchemas(
        issue('No such attribute MasterUserSecret.SecretArn on AWS::RDS::DBInstance', [
          'Outputs',
          'Secret',
          'Value',
        ]),
        t,
        schemas(),
      ),
    ).toBe(true);
    expect(
      contradictsSchemas(
        issue('No such attribute Nope on AWS::RDS::DBInstance', ['Outputs', 'Secret', 'Value']),
        t,
        schemas(),
      ),
    ).toBe(false);
  });

  it('follows nested property types (MetadataOptions of a launch template)', () => {
    const lt = parseTemplateFile(
      'lt.yaml',
      'Resources:\n  Lt:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MetadataOptions: { HttpTokens: required }\n',
    ).template;
    expect(
      contradictsSchemas(
        issue(
          'MetadataOptions is not a valid property of AWS::EC2::LaunchTemplate.LaunchTemplateData',
          ['Resources', 'Lt', 'Properties', 'LaunchTemplateData', 'MetadataOptions'],
        ),
        lt,
        schemas(),
      ),
    ).toBe(true);
    expect(
      contradictsSchemas(
        issue('Resource Lt has an invalid Type of AWS::EC2::LaunchTemplate.', ['Resources', 'Lt']),
        lt,
        schemas(),
      ),
    ).toBe(true);
    expect(
      contradictsSchemas(
        issue('Required property GroupDescription missing for type AWS::EC2::SecurityGroup', [
          'Resources',
          'Lt',
          'Properties',
        ]),
        lt,
        schemas(),
      ),
    ).toBe(false);
  });
});

describe('running cfn-lint', () => {
  it('prefers a Python cfn-lint on PATH and passes it --format json and the region', () => {
    const { run, calls } = replay({
      'cfn-lint --version': { status: 0, stdout: 'cfn-lint 1.51.0\n' },
      'cfn-lint': { status: 2, stdout: read('python-output.json') },
    });
    const section = runCfnLint([target], { ...base, region: 'eu-west-1', schemas: schemas(), run });
    expect(calls[1]).toBe('cfn-lint --format json --regions eu-west-1 -- template.yaml');
    expect(section.command).toBe('cfn-lint 1.51.0 (Python)');
    expect(section.findings.map((f) => [f.rule, f.file, f.position?.line, f.staleSpec])).toEqual([
      ['E3002', 'fixtures/template.yaml', 13, false],
    ]);
  });

  it('falls back to npx cfn-lint and marks the findings its 2019 spec gets wrong', () => {
    const { run, calls } = replay({ npx: { status: 1, stdout: read('npx-output.txt') } });
    const section = runCfnLint([target], { ...base, schemas: schemas(), run });
    expect(calls).toEqual(['cfn-lint --version', 'npx --yes cfn-lint validate template.yaml']);
    expect(section.findings.map((f) => [f.path, f.staleSpec])).toEqual([
      ['Outputs.Secret.Value', true],
      ['Resources.Db.Properties.ManageMasterUserPassword', true],
      ['Resources.Db.Properties.Bogus', false],
      ['Resources.Inst.Properties.MetadataOptions', true],
    ]);
    // The npm cfn-lint gives no line numbers; strata places them from the path.
    expect(section.findings[2].position).toEqual({
      file: 'fixtures/template.yaml',
      line: 13,
      column: 7,
    });
  });

  it('says why when cfn-lint cannot run, instead of reporting a clean result', () => {
    expect(runCfnLint([target], { ...base, schemas: schemas(), run: replay({}).run }).skipped).toBe(
      'neither a Python cfn-lint nor npx is on PATH',
    );
    const crashed = replay({
      'cfn-lint --version': { status: 0, stdout: 'cfn-lint 1.51.0' },
      'cfn-lint': { status: 1, stderr: 'Traceback: boom' },
    });
    expect(
      runCfnLint([target], { ...base, schemas: schemas(), run: crashed.run }).skipped,
    ).toContain('cfn-lint failed');
  });

  it('runs the real cfn-lint on the fixture: the bogus property is found and not marked stale', () => {
    const flavour = detectCfnLint(spawnRunner, DIR, process.env);
    const section = runCfnLint([{ ...target, path: join(DIR, 'template.yaml') }], {
      ...base,
      env: process.env,
      schemas: schemas(),
    });
    expect(section.skipped).toBeUndefined();
    const bogus = section.findings.filter((f) => f.path === 'Resources.Db.Properties.Bogus');
    expect(bogus.map((f) => [f.severity, f.staleSpec])).toEqual([['error', false]]);
    // Only the npm cfn-lint's 2019 spec rejects ManageMasterUserPassword; either way nothing current is called unknown.
    if (flavour.kind === 'npx')
      expect(section.findings.filter((f) => f.staleSpec).length).toBeGreaterThan(0);
    expect(
      section.findings.filter((f) => f.severity === 'error' && !f.staleSpec).map((f) => f.path),
    ).toEqual(['Resources.Db.Properties.Bogus']);
  }, 120_000);

  it('runs the real npm cfn-lint through npx when no Python cfn-lint is on PATH, marking its stale complaints', () => {
    // A PATH holding only node, npx and sh (npx runs packages through it), so no Python cfn-lint can be found.
    const bin = mkdtempSync(join(tmpdir(), 'strata-npx-only-'));
    const tools: Record<string, string> = {
      node: process.execPath,
      npx: join(dirname(process.execPath), 'npx'),
      sh: '/bin/sh',
    };
    for (const [name, target] of Object.entries(tools)) symlinkSync(target, join(bin, name));
    const env = { ...process.env, PATH: bin };
    expect(detectCfnLint(spawnRunner, DIR, env)).toEqual({ kind: 'npx' });
    const section = runCfnLint([{ ...target, path: join(DIR, 'template.yaml') }], {
      ...base,
      env,
      schemas: schemas(),
    });
    expect(section.skipped).toBeUndefined();
    expect(section.findings.map((f) => [f.path, f.staleSpec])).toEqual([
      ['Outputs.Secret.Value', true],
      ['Resources.Db.Properties.ManageMasterUserPassword', true],
      ['Resources.Db.Properties.Bogus', false],
      ['Resources.Inst.Properties.MetadataOptions', true],
    ]);
  }, 120_000);
});
