import { ExitCode } from '../errors';
import type { CliContext } from '../output/context';
import { formatFindings, unusedSuppression } from './format-human';
import { formatJson } from './format-json';
import { lintGenerated } from './index';
import type { Generated } from '../generate';
import type { LintReport } from './types';

/**
 * `strata generate`'s lint step, run on the rendered files before anything is written: prints the
 * findings with their topology lines and, on any error, ends the run with exit 1 and nothing written.
 */
export function lintBeforeWrite(
  ctx: CliContext,
  outDir: string,
  generated: Generated,
  json: boolean,
): LintReport {
  const report = lintGenerated(generated, { outDir, cwd: ctx.io.cwd });
  const { error, warning, suppressed } = report.counts;
  if (json) {
    if (error) ctx.printJson({ ok: false, code: 'E_LINT', lint: formatJson(report) });
  } else if (report.findings.length) {
    for (const line of formatFindings(report.findings, ctx.err)) ctx.warn(line);
    const colour = error ? ctx.err.red : ctx.err.yellow;
    ctx.warn(
      colour(
        `${error ? '✖' : '⚠'} lint: ${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}${suppressed ? ` (${suppressed} suppressed)` : ''}${error ? '; nothing was written' : ''}`,
      ),
    );
    if (error)
      ctx.warn(
        '  fix the topology lines above, suppress with `lint.suppress` (a reason is required), or skip with --no-lint',
      );
  } else {
    ctx.print(
      `${ctx.out.green('✔')} lint: no findings${suppressed ? ctx.out.dim(` (${suppressed} suppressed in the topology)`) : ''}`,
    );
  }
  if (!json)
    for (const s of report.unusedSuppressions) ctx.warn(ctx.err.yellow(unusedSuppression(s)));
  if (error) throw new ExitCode(1);
  return report;
}
