import { SCHEMA_RULES, SECURITY_RULES } from './rules';
import type { CfnLintSection, Finding, LintReport, Severity } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** SARIF wants forward slashes and no leading `./`. */
const uri = (file: string) => file.replace(/\\/g, '/').replace(/^\.\//, '');

function location(file: string, line?: number, column?: number, logical?: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: uri(file) },
      ...(line ? { region: { startLine: line, startColumn: column ?? 1 } } : {}),
    },
    ...(logical ? { logicalLocations: [{ name: logical, kind: 'resource' }] } : {}),
  };
}

function result(f: Finding, suppression?: string) {
  return {
    ruleId: f.rule,
    level: LEVEL[f.severity],
    message: { text: f.fix ? `${f.message} — ${f.fix}` : f.message },
    locations: [location(f.file, f.position?.line, f.position?.column, f.resource)],
    ...(f.topology
      ? {
          relatedLocations: [
            {
              id: 1,
              message: { text: `caused by ${f.topology.path}` },
              ...location(f.topology.file, f.topology.line, f.topology.column),
            },
          ],
        }
      : {}),
    ...(f.staleSpec ? { properties: { staleSpec: true } } : {}),
    ...(suppression ? { suppressions: [{ kind: 'external', justification: suppression }] } : {}),
  };
}

const ruleDescriptor = (r: { id: string; severity: Severity; summary: string }) => ({
  id: r.id,
  shortDescription: { text: r.summary },
  defaultConfiguration: { level: LEVEL[r.severity] },
});

/** The report as SARIF 2.1.0: one run for strata, and one for cfn-lint when it ran. */
export function formatSarif(report: LintReport, version: string, cfnLint?: CfnLintSection): object {
  const runs: object[] = [
    {
      tool: {
        driver: {
          name: 'strata-lint',
          version,
          informationUri: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/',
          rules: [...SCHEMA_RULES, ...SECURITY_RULES].map(ruleDescriptor),
        },
      },
      results: [
        ...report.findings.map((f) => result(f)),
        ...report.suppressed.map(({ finding, reason }) => result(finding, reason)),
      ],
      properties: { schemaVersion: report.schemaVersion },
    },
  ];
  if (cfnLint && !cfnLint.skipped) {
    const ids = [...new Set(cfnLint.findings.map((f) => f.rule))];
    runs.push({
      tool: { driver: { name: 'cfn-lint', rules: ids.map((id) => ({ id })) } },
      results: cfnLint.findings.map((f) => result(f)),
    });
  }
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs };
}
