import { RDSClient } from '@aws-sdk/client-rds';
import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession } from '../aws/session';
import { listSnapshots, type SnapshotInfo } from '../aws/snapshots';
import { SNAPSHOT_PARAMETER } from '../layers/database';
import { StrataError } from '../errors';
import { stackOf } from '../manifest/read';

interface SnapshotsOptions extends AwsOptions {
  json?: boolean;
}

function row(s: SnapshotInfo, ctx: CliContext): string {
  const status = s.status === 'available' ? ctx.out.green(s.status) : ctx.out.yellow(s.status);
  const encrypted = s.encrypted ? 'encrypted' : ctx.out.red('NOT encrypted');
  return [
    `  ${s.identifier}`,
    `    ${s.type.padEnd(9)} ${status.padEnd(9)} ${s.created ?? 'creating'}  ${s.sizeGiB ?? '?'} GiB  ${encrypted}  MySQL ${s.engineVersion ?? '?'}`,
    ctx.out.dim(`    ${s.arn}`),
  ].join('\n');
}

/** `strata snapshots`: the DB snapshots of an environment's database (final snapshots included), newest first. */
export const registerSnapshots = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('snapshots')
      .option('--json', 'print JSON')
      .description(
        "list the DB snapshots of an environment's database (final snapshots of destroyed stacks included), newest first",
      ),
  ).action(async (opts: SnapshotsOptions) => {
    const session = await startSession(ctx, opts, { writes: false, json: opts.json });
    const { manifest } = session;
    if (!manifest.stacks.some((s) => s.layer === 'database'))
      throw new StrataError('E_USAGE', `${session.outDir}/manifest.json has no database layer`);
    const stack = stackOf(manifest, 'database');
    const rds = session.client(RDSClient);
    const snapshots = await listSnapshots(rds, session.cfn, {
      stackName: stack.stackName,
      logicalId: 'Database',
      project: manifest.project,
      environment: manifest.environment,
    });
    if (opts.json) return ctx.printJson({ region: session.region, snapshots });
    const owner = manifest.environment ? `environment ${manifest.environment}` : manifest.project;
    if (snapshots.length === 0) {
      ctx.print(`No DB snapshots of ${owner} in ${session.region}.`);
      return;
    }
    ctx.print(ctx.out.bold(`DB snapshots of ${owner} in ${session.region}, newest first:`));
    for (const s of snapshots) ctx.print(row(s, ctx));
    ctx.print(
      ctx.out.dim(
        `Restore one with: strata deploy --env <env> --parameter ${SNAPSHOT_PARAMETER}=<identifier or ARN> (the environment needs database.restoreFromSnapshot: true and the snapshot in its region)`,
      ),
    );
  });
};
