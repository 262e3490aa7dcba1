import type { Command } from 'commander';
import { ExitCode, StrataError } from '../errors';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession } from '../aws/session';
import { changeSetReport } from '../diff/change-set-diff';
import { compareTemplateSets } from '../diff/compare';
import { formatReport } from '../diff/format';
import type { DiffReport } from '../diff/model';
import { committedTemplates, currentTemplates, deployedTemplates } from '../diff/sources';
import { outDirOf } from '../manifest/target';
import { DEFAULT_SPEC } from './validate';

interface DiffOptions extends AwsOptions {
  base?: string;
  deployed?: boolean;
  changeSet?: boolean;
  fail?: boolean;
  json?: boolean;
}

async function buildReport(ctx: CliContext, file: string, opts: DiffOptions): Promise<DiffReport> {
  const chosen = [opts.base !== undefined, opts.deployed === true, opts.changeSet === true].filter(
    Boolean,
  ).length;
  if (chosen > 1)
    throw new StrataError(
      'E_USAGE',
      '--base, --deployed and --change-set each pick what to compare with; use one',
      'e.g. strata diff --deployed',
    );
  const now = currentTemplates(ctx.io.cwd, file, opts.env);
  if (opts.deployed || opts.changeSet) {
    const session = await startSession(ctx, opts, {
      writes: opts.changeSet === true,
      given: now.manifest,
      json: opts.json,
    });
    if (opts.changeSet) return changeSetReport(session, now, ctx.io.cwd, ctx.out);
    return compareTemplateSets(
      now,
      await deployedTemplates(session.cfn, now.manifest!),
      'deployed',
      `the deployed stacks in ${session.region}`,
    );
  }
  const ref = opts.base ?? 'HEAD';
  const outDir = outDirOf(opts);
  return compareTemplateSets(
    now,
    committedTemplates(ctx.io.cwd, ref, outDir),
    'git',
    `${ref}:${outDir}/`,
  );
}

/** `strata diff`: what `generate` produces now against the committed templates, the deployed ones, or CloudFormation's change sets. */
export const registerDiff = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('diff')
      .argument('[file]', 'topology file', DEFAULT_SPEC)
      .option('--base <ref>', 'compare with out/ as committed at this git ref (default: HEAD)')
      .option('--deployed', "compare with the live stacks' templates (GetTemplate)")
      .option(
        '--change-set',
        'ask CloudFormation: create a change set per stack, show it, delete it',
      )
      .option('--fail', 'exit 1 when anything differs (for CI)')
      .option('--json', 'print the diff model as JSON'),
  ).action(async (file: string, opts: DiffOptions) => {
    const report = await buildReport(ctx, file, opts);
    if (opts.json) ctx.printJson(report);
    else ctx.print(formatReport(report, ctx.out));
    if (opts.fail && report.hasChanges) throw new ExitCode(1);
  });
};
