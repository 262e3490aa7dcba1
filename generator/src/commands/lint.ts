import { isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { ExitCode, StrataError } from '../errors';
import type { CliContext } from '../output/context';
import { cfnLintTargets, lintInput, readLintInput } from '../lint';
import { runCfnLint } from '../lint/cfn-lint';
import { formatHuman } from '../lint/format-human';
import { formatJson, hasErrors } from '../lint/format-json';
import { formatSarif } from '../lint/format-sarif';
import { loadResourceSchemas } from '../lint/resource-data';
import type { CfnLintSection } from '../lint/types';
import { addTargetOptions, outDirOf, type TargetOptions } from '../manifest/target';

interface LintCommandOptions extends TargetOptions {
  json?: boolean;
  format?: string;
  spec?: string;
  cfnLint?: boolean;
  region?: string;
}

const FORMATS = ['human', 'json', 'sarif'];

/** `strata lint [dir]`: check rendered templates against the current CloudFormation schemas and strata's security rules. */
export const registerLint = (program: Command, ctx: CliContext): void => {
  addTargetOptions(program.command('lint'))
    .argument('[dir]', 'folder of rendered templates (default: --out, else out/ or out/<env>/)')
    .option('--json', 'print the report as JSON (same as --format json)')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'human')
    .option(
      '--spec <file>',
      'topology for locations and lint.suppress (default: the one out/manifest.json names)',
    )
    .option(
      '--cfn-lint',
      'also run cfn-lint (the Python one when on PATH, else npx cfn-lint) and show its findings',
    )
    .option(
      '--region <region>',
      'region cfn-lint checks against (default: the manifest region, else us-east-1)',
    )
    .action((given: string | undefined, opts: LintCommandOptions) => {
      const dir = given ?? outDirOf(opts);
      const format = opts.json ? 'json' : (opts.format ?? 'human');
      if (!FORMATS.includes(format))
        throw new StrataError(
          'E_USAGE',
          `unknown format "${format}"`,
          `use one of: ${FORMATS.join(', ')}`,
        );
      const outDir = isAbsolute(dir) ? dir : join(ctx.io.cwd, dir);
      const options = { cwd: ctx.io.cwd, specFile: opts.spec };
      const input = readLintInput(outDir, options);
      const report = lintInput(input, options);
      let cfnLint: CfnLintSection | undefined;
      if (opts.cfnLint) {
        const { targets, region } = cfnLintTargets(input, ctx.io.cwd);
        cfnLint = runCfnLint(targets, {
          cwd: ctx.io.cwd,
          env: ctx.io.env,
          region: opts.region ?? region,
          schemas: loadResourceSchemas().schemas,
        });
      }
      if (format === 'json') ctx.printJson(formatJson(report, cfnLint));
      else if (format === 'sarif')
        ctx.printJson(formatSarif(report, program.version() ?? '0.0.0', cfnLint));
      else ctx.print(formatHuman(report, ctx.out, cfnLint));
      if (hasErrors(report, cfnLint)) throw new ExitCode(1);
    });
};
