import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession } from '../aws/session';
import { describeStack } from '../aws/stacks';
import { detectDrift, type DriftResult } from '../deploy/drift';
import { bootstrapStackName } from '../manifest/read';
import { paintStatus, statusLook } from '../deploy/stack-status';
import { actionsFor } from '../deploy/status-actions';

interface StatusOptions extends AwsOptions {
  drift?: boolean;
  json?: boolean;
}

interface StatusRow {
  layer: string;
  stackName: string;
  status: string;
  reason?: string;
  /** What the status means and what to do, for anything but a plain deployed stack. */
  advice?: string;
  drift?: DriftResult;
}

/** `strata status`: every stack of the project with its status, and its drift when asked. */
export const registerStatus = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('status')
      .option('--drift', 'also run CloudFormation drift detection on each deployed stack')
      .option('--json', 'print JSON'),
  ).action(async (opts: StatusOptions) => {
    const { manifest, cfn, polling, region } = await startSession(ctx, opts, {
      writes: false,
      json: opts.json,
    });
    const stacks = [
      { layer: 'bootstrap', stackName: bootstrapStackName(manifest) },
      ...manifest.stacks,
    ];
    const rows: StatusRow[] = await Promise.all(
      stacks.map(async ({ layer, stackName }) => {
        const info = await describeStack(cfn, stackName);
        const row: StatusRow = {
          layer,
          stackName,
          status: info?.status ?? 'NOT_DEPLOYED',
          reason: info?.reason,
        };
        if (!/^(CREATE|UPDATE|IMPORT)_COMPLETE$/.test(row.status))
          row.advice = actionsFor(row.status).advice.replace(/<stack>/g, stackName);
        // CloudFormation detects drift only on stacks that settled on a template (not mid-operation, not a failed create).
        if (
          opts.drift &&
          info &&
          statusLook(info.status).state === 'settled' &&
          info.status !== 'REVIEW_IN_PROGRESS'
        )
          row.drift = await detectDrift(cfn, polling, stackName);
        return row;
      }),
    );
    if (opts.json) return ctx.printJson({ project: manifest.project, region, stacks: rows });
    ctx.print(ctx.out.bold(`${manifest.project} in ${region}`));
    for (const r of rows) {
      const drift = r.drift
        ? `  drift: ${r.drift.status === 'DRIFTED' ? ctx.out.yellow(`DRIFTED (${r.drift.drifted} resource${r.drift.drifted === 1 ? '' : 's'})`) : r.drift.status}`
        : '';
      const reason =
        r.reason && statusLook(r.status).state !== 'settled' ? ctx.out.dim(`  ${r.reason}`) : '';
      const advice = r.advice ? `\n  ${' '.repeat(14)} ${ctx.out.dim(r.advice)}` : '';
      ctx.print(
        `  ${r.layer.padEnd(14)} ${r.stackName.padEnd(28)} ${paintStatus(r.status, ctx.out)}${drift}${reason}${advice}`,
      );
    }
  });
};
