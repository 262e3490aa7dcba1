import {
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBInstanceCommand,
  RDSClient,
  RestoreDBInstanceFromDBSnapshotCommand,
  type DBInstance,
} from '@aws-sdk/client-rds';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Polling } from '../aws/clock';
import { StrataError } from '../errors';
import { checkRestored, type CheckTarget, type SsmLike } from './restore-check';

/** The clients and settings a restore test runs with; tests pass mocked clients and a fast clock. */
export interface RestoreContext {
  rds: RDSClient;
  ssm: SsmLike;
  secrets: SecretsManagerClient;
  polling: Polling;
  log(line: string): void;
  /** Bound on each wait (restore, password reset, deletion). */
  timeoutMs: number;
}

/** What the deployed stacks say about the database and where the check runs. */
export interface RestoreTarget {
  sourceInstanceId: string;
  secretArn: string;
  databaseName: string;
  username: string;
  /** A backend instance that may reach the database and read its secret. */
  runnerInstanceId: string;
  tables: string[];
}

/** What a restore test measured. */
export interface RestoreReport {
  snapshotId: string;
  snapshotTime?: Date;
  restoredId: string;
  timings: Array<{ step: string; seconds: number }>;
  rows: Record<string, number>;
}

async function newestSnapshot(ctx: RestoreContext, instanceId: string) {
  const out = await ctx.rds.send(
    new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: instanceId, SnapshotType: 'automated' }),
  );
  const ready = (out.DBSnapshots ?? []).filter((s) => s.Status === 'available');
  ready.sort(
    (a, b) => (b.SnapshotCreateTime?.getTime() ?? 0) - (a.SnapshotCreateTime?.getTime() ?? 0),
  );
  if (!ready[0]?.DBSnapshotIdentifier)
    throw new StrataError(
      'E_DEPLOY',
      `${instanceId} has no available automated snapshot`,
      'automated backups need backupRetentionDays above 0 and a first backup window to pass; check with strata snapshots',
    );
  return ready[0];
}

async function describe(ctx: RestoreContext, id: string): Promise<DBInstance | undefined> {
  try {
    const out = await ctx.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
    return out.DBInstances?.[0];
  } catch (error) {
    if ((error as { name?: string }).name === 'DBInstanceNotFoundFault') return undefined;
    throw error;
  }
}

/** Polls until the instance reports `status` (or is gone, for 'deleted'), within the context's bound. */
async function waitFor(ctx: RestoreContext, id: string, status: string): Promise<void> {
  const start = ctx.polling.clock.now();
  for (;;) {
    const db = await describe(ctx, id);
    const now = db ? db.DBInstanceStatus : 'deleted';
    if (now === status) return;
    if (now === 'failed' || now === 'incompatible-restore')
      throw new StrataError(
        'E_DEPLOY',
        `restored instance ${id} is ${now}`,
        'see its events in the RDS console',
      );
    if (ctx.polling.clock.now() - start > ctx.timeoutMs)
      throw new StrataError(
        'E_DEPLOY',
        `${id} did not become ${status} in time (it is ${now})`,
        'run again with a longer --timeout',
      );
    await ctx.polling.clock.sleep(Math.max(ctx.polling.intervalMs, 1), undefined);
  }
}

/** A name for the temporary instance: the source's, a marker and the time, within RDS's 63 characters. */
export function restoredName(sourceId: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 12);
  return `${sourceId.slice(0, 63 - '-restore-test-'.length - stamp.length)}-restore-test-${stamp}`;
}

async function timed<T>(
  ctx: RestoreContext,
  report: RestoreReport,
  step: string,
  work: () => Promise<T>,
) {
  const start = ctx.polling.clock.now();
  const result = await work();
  const seconds = Math.round((ctx.polling.clock.now() - start) / 100) / 10;
  report.timings.push({ step, seconds });
  ctx.log(`  ${step}: ${seconds} s`);
  return result;
}

/**
 * Restores the newest automated snapshot of the source into a temporary instance in the same subnets
 * and security groups, gives it the source secret's current password (rotation may have changed it
 * since the snapshot), checks it answers a SELECT over the tables from a backend instance via SSM,
 * and deletes it whatever happened. Nothing listens on a new port; no secret leaves Secrets Manager
 * except into RDS's own API.
 */
export async function restoreTest(
  ctx: RestoreContext,
  target: RestoreTarget,
): Promise<RestoreReport> {
  const source = await describe(ctx, target.sourceInstanceId);
  if (!source)
    throw new StrataError(
      'E_DEPLOY',
      `database ${target.sourceInstanceId} not found`,
      'deploy first',
    );
  const snapshot = await newestSnapshot(ctx, target.sourceInstanceId);
  const restoredId = restoredName(target.sourceInstanceId, ctx.polling.clock.now());
  const report: RestoreReport = {
    snapshotId: snapshot.DBSnapshotIdentifier!,
    snapshotTime: snapshot.SnapshotCreateTime,
    restoredId,
    timings: [],
    rows: {},
  };
  ctx.log(`Restoring ${report.snapshotId} into ${restoredId}`);
  await ctx.rds.send(
    new RestoreDBInstanceFromDBSnapshotCommand({
      DBInstanceIdentifier: restoredId,
      DBSnapshotIdentifier: report.snapshotId,
      DBInstanceClass: source.DBInstanceClass,
      DBSubnetGroupName: source.DBSubnetGroup?.DBSubnetGroupName,
      VpcSecurityGroupIds: (source.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId!),
      DBParameterGroupName: source.DBParameterGroups?.[0]?.DBParameterGroupName,
      PubliclyAccessible: false,
      MultiAZ: false,
      DeletionProtection: false,
      Tags: [{ Key: 'strata:restore-test', Value: target.sourceInstanceId }],
    }),
  );
  try {
    await timed(ctx, report, 'restore until available', () =>
      waitFor(ctx, restoredId, 'available'),
    );
    const secret = await ctx.secrets.send(
      new GetSecretValueCommand({ SecretId: target.secretArn }),
    );
    const password = (JSON.parse(secret.SecretString ?? '{}') as { password?: string }).password;
    await ctx.rds.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: restoredId,
        MasterUserPassword: password,
        ApplyImmediately: true,
      }),
    );
    await timed(ctx, report, 'password reset', () => waitFor(ctx, restoredId, 'available'));
    const restored = await describe(ctx, restoredId);
    const check: CheckTarget = {
      ...target,
      host: restored!.Endpoint!.Address!,
      port: restored!.Endpoint!.Port ?? 3306,
    };
    report.rows = await timed(ctx, report, 'SELECT over the tables', () =>
      checkRestored(ctx, check),
    );
  } finally {
    ctx.log(`Deleting ${restoredId}`);
    await ctx.rds.send(
      new DeleteDBInstanceCommand({
        DBInstanceIdentifier: restoredId,
        SkipFinalSnapshot: true,
        DeleteAutomatedBackups: true,
      }),
    );
    await timed(ctx, report, 'deletion', () => waitFor(ctx, restoredId, 'deleted'));
  }
  return report;
}
