import type { Command } from 'commander';
import { ExitCode, StrataError } from '../errors';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { gitPlan, type PlanSides } from '../diff/build-plan';
import { formatReport } from '../diff/format';
import type { DiffReport } from '../diff/model';
import { outDirOf } from '../manifest/target';
import { DEFAULT_SPEC } from './validate';
import { formatDelta } from '../cost/format';
import { diffCost } from './diff-cost';

interface DiffOptions extends AwsOptions {
  base?: string;
  deployed?: boolean;
  changeSet?: boolean;
  fail?: boolean;
  json?: boolean;
}

/** Exit code of `diff --fail` when the plan has changes (0: none, 1: an error), as Terraform's -detailed-exitcode. */
export const CHANGES_EXIT_CODE = 2;

async function buildReport(
  ctx: CliContext,
  file: string,
  opts: DiffOptions,
  onSides: (sides: PlanSides) => void,
): Promise<DiffReport> {
  const chosen = [opts.base !== undefined, opts.deployed === true, opts.changeSet === true].filter(
    Boolean,
  ).length;
  if (chosen > 1)
    throw new StrataError(
      'E_USAGE',
      '--base, --deployed and --change-set each pick what to compare with; use one',
      'e.g. strata diff --deployed',
    );
  if (opts.deployed || opts.changeSet) {
    // Only these talk to AWS: the SDK is loaded for them alone, so a local diff starts fast.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { awsPlan } = require('../diff/aws-plan') as typeof import('../diff/aws-plan');
    return awsPlan(ctx, file, opts, opts.changeSet === true, onSides);
  }
  return gitPlan(ctx.io.cwd, file, opts.base ?? 'HEAD', outDirOf(opts), onSides, opts.env);
}

/** `strata diff`: the plan of what deploy would do, against the committed templates, the deployed ones, or change sets. */
export const registerDiff = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('diff')
      .argument('[file]', 'topology file', DEFAULT_SPEC)
      .option(
        '--base <ref>',
        'compare with out/ and apps/ as committed at this git ref (default: HEAD)',
      )
      .option('--deployed', "compare with the live stacks' templates and parameter values")
      .option(
        '--change-set',
        'ask CloudFormation: create a change set per stack, show it, delete it',
      )
      .option(
        '--fail',
        `exit ${CHANGES_EXIT_CODE} when the plan has changes, 0 when none, 1 on an error (for CI)`,
      )
      .option('--json', 'print the plan as JSON (schema in docs/diff.md)'),
  ).action(async (file: string, opts: DiffOptions) => {
    let sides: PlanSides | undefined;
    const report = await buildReport(ctx, file, opts, (s) => (sides = s));
    // Cost before/after (owned by the cost feature): one separate step, at the end of the output.
    const cost = sides ? diffCost(ctx, sides) : undefined;
    if (opts.json) ctx.printJson(cost ? { ...report, cost } : report);
    else
      ctx.print(
        formatReport(report, ctx.out) +
          (cost
            ? `

${formatDelta(cost, ctx.out)}`
            : ''),
      );
    if (opts.fail && report.hasChanges) throw new ExitCode(CHANGES_EXIT_CODE);
  });
};
