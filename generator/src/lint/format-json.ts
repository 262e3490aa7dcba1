import type { CfnLintSection, LintReport } from './types';

/** True when the run must fail: a strata error, or a cfn-lint error that the current schemas do not contradict. */
export function hasErrors(report: LintReport, cfnLint?: CfnLintSection): boolean {
  return (
    report.counts.error > 0 ||
    (cfnLint?.findings ?? []).some((f) => f.severity === 'error' && !f.staleSpec)
  );
}

/** The report as one JSON document for `--json`. */
export function formatJson(report: LintReport, cfnLint?: CfnLintSection): object {
  return {
    ok: !hasErrors(report, cfnLint),
    counts: report.counts,
    schemas: {
      source: '@aws-cdk/aws-service-spec',
      version: report.schemaVersion,
      loadMs: Math.round(report.schemaLoadMs),
    },
    files: report.files,
    findings: report.findings,
    suppressed: report.suppressed.map(({ finding, reason }) => ({ ...finding, reason })),
    unusedSuppressions: report.unusedSuppressions,
    ...(cfnLint ? { cfnLint } : {}),
  };
}
