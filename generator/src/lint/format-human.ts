import type { Palette } from '../output/terminal';
import type { CfnLintSection, Finding, LintReport, Suppression } from './types';

function label(f: Finding, p: Palette): string {
  if (f.severity === 'error') return p.red('error');
  return f.severity === 'warning' ? p.yellow('warning') : p.cyan('info');
}

function tag(f: Finding, p: Palette): string {
  if (f.source !== 'cfn-lint') return p.dim(`[${f.rule}]`);
  // The npm cfn-lint has no rule ids; its findings carry the rule `cfn-lint`.
  const name = f.rule === 'cfn-lint' ? 'cfn-lint' : `cfn-lint ${f.rule}`;
  return f.staleSpec
    ? p.dim(`[${name}: stale spec, contradicts the current CloudFormation schemas]`)
    : p.dim(`[${name}]`);
}

function formatFinding(f: Finding, p: Palette): string[] {
  const where = f.position ? `${f.position.line}:${f.position.column}` : '';
  const lines = [
    `    ${p.dim(where.padEnd(7))} ${label(f, p)} ${f.message}${f.fix ? p.dim(` — ${f.fix}`) : ''} ${tag(f, p)}`,
  ];
  const t = f.topology;
  if (t) {
    lines.push(`            ${p.bold(`${t.file}:${t.line}:${t.column}`)} ${p.cyan(t.path)}`);
    if (t.sourceLine !== undefined) {
      const gutter = String(t.line);
      lines.push(`              ${p.dim(`${gutter} |`)} ${t.sourceLine}`);
      lines.push(
        `              ${' '.repeat(gutter.length)}${p.dim(' |')} ${' '.repeat(Math.max(0, t.column - 1))}${p.red('^')}`,
      );
    }
  }
  return lines;
}

/** Findings grouped by file, then by resource (template-level findings first). */
export function formatFindings(findings: Finding[], p: Palette): string[] {
  const lines: string[] = [];
  const files = [...new Set(findings.map((f) => f.file))];
  for (const file of files) {
    lines.push(p.bold(file));
    const inFile = findings.filter((f) => f.file === file);
    const resources = [...new Set(inFile.map((f) => f.resource ?? ''))];
    for (const resource of resources) {
      lines.push(`  ${resource ? p.cyan(resource) : p.dim('(template)')}`);
      for (const f of inFile.filter((x) => (x.resource ?? '') === resource))
        lines.push(...formatFinding(f, p));
    }
  }
  return lines;
}

/** The note for a `lint.suppress` entry that silenced nothing. */
export function unusedSuppression(s: Suppression): string {
  return `lint.suppress entry for ${s.rule}${s.resource ? ` on ${s.resource}` : ''} matched nothing; remove it`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The whole human report: findings, suppressions, cfn-lint's section and a one-line summary. */
export function formatHuman(report: LintReport, p: Palette, cfnLint?: CfnLintSection): string {
  const lines = formatFindings(report.findings, p);
  if (report.suppressed.length) {
    lines.push(p.dim(`suppressed by lint.suppress in the topology:`));
    for (const { finding, reason } of report.suppressed)
      lines.push(
        p.dim(`  ${finding.rule} ${finding.resource ?? ''} (${finding.file}) — ${reason}`),
      );
  }
  for (const s of report.unusedSuppressions) lines.push(p.yellow(unusedSuppression(s)));
  if (cfnLint) {
    lines.push(p.bold(`cfn-lint (${cfnLint.command})`));
    if (cfnLint.skipped) lines.push(`  ${p.yellow('skipped')}: ${cfnLint.skipped}`);
    else if (cfnLint.findings.length === 0) lines.push(`  ${p.green('no findings')}`);
    else lines.push(...formatFindings(cfnLint.findings, p).map((l) => `  ${l}`));
    const stale = cfnLint.findings.filter((f) => f.staleSpec).length;
    const errors = cfnLint.findings.filter((f) => f.severity === 'error' && !f.staleSpec).length;
    if (stale)
      lines.push(
        p.dim(
          `  ${plural(stale, 'cfn-lint finding')} contradict the current schemas (@aws-cdk/aws-service-spec ${report.schemaVersion}): cfn-lint's resource spec is older; they do not fail the run`,
        ),
      );
    if (errors)
      lines.push(
        p.red(`  ✖ ${plural(errors, 'cfn-lint error')} the current schemas do not contradict`),
      );
  }
  const { error, warning, suppressed } = report.counts;
  const extra = suppressed ? p.dim(` (${suppressed} suppressed)`) : '';
  const scope = `${plural(report.files.length, 'template')}, schemas from @aws-cdk/aws-service-spec ${report.schemaVersion}`;
  if (error)
    lines.push(
      p.red(`✖ ${plural(error, 'error')}, ${plural(warning, 'warning')} in ${scope}`) + extra,
    );
  else if (warning) lines.push(p.yellow(`⚠ ${plural(warning, 'warning')} in ${scope}`) + extra);
  else lines.push(p.green(`✔ ${scope}: lint clean`) + extra);
  return lines.join('\n');
}
