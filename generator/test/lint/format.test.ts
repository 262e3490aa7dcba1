import { paletteFor } from '../../src/output/terminal';
import { formatHuman } from '../../src/lint/format-human';
import { formatJson, hasErrors } from '../../src/lint/format-json';
import { formatSarif } from '../../src/lint/format-sarif';
import type { CfnLintSection, Finding, LintReport } from '../../src/lint/types';

const plain = paletteFor({ isTTY: false }, {});

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'E3002',
  severity: 'error',
  message: 'm',
  file: 'out/database.yaml',
  resource: 'Database',
  path: 'Resources.Database.Properties.X',
  source: 'cfn-lint',
  ...over,
});

function report(findings: Finding[] = []): LintReport {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return {
    files: ['out/database.yaml'],
    findings,
    suppressed: [],
    unusedSuppressions: [],
    counts: {
      error: count('error'),
      warning: count('warning'),
      info: count('info'),
      suppressed: 0,
    },
    schemaLoadMs: 3,
    schemaVersion: '9.9.9',
  };
}

const stale = finding({
  rule: 'cfn-lint',
  message: 'ManageMasterUserPassword is not a valid property of AWS::RDS::DBInstance',
  staleSpec: true,
});
const real = finding({
  message: "Additional properties are not allowed ('Bogus' was unexpected)",
  position: { file: 'out/database.yaml', line: 13, column: 7 },
});

describe('report formats with cfn-lint findings', () => {
  it('human: marks stale-spec findings, and says which cfn-lint errors count', () => {
    const text = formatHuman(report(), plain, {
      command: 'npx --yes cfn-lint',
      findings: [stale, real],
    });
    expect(text).toContain('cfn-lint (npx --yes cfn-lint)');
    expect(text).toContain(
      'ManageMasterUserPassword is not a valid property of AWS::RDS::DBInstance [cfn-lint: stale spec, contradicts the current CloudFormation schemas]',
    );
    expect(text).toContain(
      "13:7    error Additional properties are not allowed ('Bogus' was unexpected) [cfn-lint E3002]",
    );
    expect(text).toContain(
      '1 cfn-lint finding contradict the current schemas (@aws-cdk/aws-service-spec 9.9.9)',
    );
    expect(text).toContain('✖ 1 cfn-lint error the current schemas do not contradict');
  });

  it('human: says when cfn-lint was skipped and why', () => {
    expect(
      formatHuman(report(), plain, {
        command: 'npx --yes cfn-lint',
        findings: [],
        skipped: 'neither a Python cfn-lint nor npx is on PATH',
      }),
    ).toContain('skipped: neither a Python cfn-lint nor npx is on PATH');
  });

  it('fails the run on a cfn-lint error only when the current schemas do not contradict it', () => {
    const only = (findings: Finding[]): CfnLintSection => ({ command: 'c', findings });
    expect(hasErrors(report(), only([stale]))).toBe(false);
    expect(hasErrors(report(), only([real]))).toBe(true);
    expect(hasErrors(report(), only([{ ...real, severity: 'warning' }]))).toBe(false);
    expect(formatJson(report(), only([stale]))).toMatchObject({
      ok: true,
      cfnLint: { findings: [{ staleSpec: true }] },
    });
  });

  it('SARIF: cfn-lint gets a run of its own, with its rule ids and the stale flag', () => {
    const sarif = formatSarif(report(), '1.0.0', { command: 'c', findings: [stale, real] }) as {
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string }> } };
        results: Array<Record<string, unknown>>;
      }>;
    };
    expect(sarif.runs.map((r) => r.tool.driver.name)).toEqual(['strata-lint', 'cfn-lint']);
    expect(sarif.runs[1].tool.driver.rules.map((r) => r.id)).toEqual(['cfn-lint', 'E3002']);
    expect(sarif.runs[1].results[0]).toMatchObject({
      ruleId: 'cfn-lint',
      level: 'error',
      properties: { staleSpec: true },
    });
    expect(sarif.runs[1].results[1]).toMatchObject({
      locations: [{ physicalLocation: { region: { startLine: 13, startColumn: 7 } } }],
    });
  });

  it('SARIF: info findings are notes, template-level findings have no logical location', () => {
    const info = finding({
      rule: 'TEMPLATE_TOO_LARGE',
      severity: 'info',
      source: 'strata',
      resource: undefined,
      path: '',
    });
    const sarif = formatSarif(report([info]), '1.0.0') as {
      runs: Array<{ results: Array<{ level: string; locations: Array<Record<string, unknown>> }> }>;
    };
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].results[0].level).toBe('note');
    expect(sarif.runs[0].results[0].locations[0].logicalLocations).toBeUndefined();
  });
});
