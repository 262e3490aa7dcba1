import { paginateDescribeDBSnapshots, type DBSnapshot, type RDSClient } from '@aws-sdk/client-rds';
import type { StackApi } from './stack-api';
import { awsError, isMissingStack } from './stacks';

/** One DB snapshot of an environment's database, as `strata snapshots` shows it. */
export interface SnapshotInfo {
  identifier: string;
  arn: string;
  /** `manual` (final snapshots are manual), `automated` or `awsbackup`. */
  type: string;
  status: string;
  created?: string;
  sizeGiB?: number;
  encrypted: boolean;
  engineVersion?: string;
  /** The instance it was taken of. */
  instance?: string;
}

/** Which database's snapshots: the stack holding it and the tags CopyTagsToSnapshot puts on them. */
export interface SnapshotOwner {
  stackName: string;
  logicalId: string;
  project: string;
  environment?: string;
}

/** The physical id of the database instance, when its stack exists (a destroyed one has none). */
export async function liveInstanceId(
  cfn: StackApi,
  owner: SnapshotOwner,
): Promise<string | undefined> {
  try {
    const r = await cfn.describeStackResource(owner.stackName, owner.logicalId);
    return r.StackResourceDetail?.PhysicalResourceId;
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw awsError(`DescribeStackResource ${owner.stackName}`, error);
  }
}

/**
 * A snapshot belongs to the environment when it was taken of the live instance, or carries the stack tags
 * CloudFormation put on the instance and CopyTagsToSnapshot copied: that is how the final snapshot of a
 * destroyed stack (whose instance id is gone) is still found.
 */
export function belongsTo(s: DBSnapshot, owner: SnapshotOwner, instance?: string): boolean {
  if (instance && s.DBInstanceIdentifier === instance) return true;
  const tags = new Map((s.TagList ?? []).map((t) => [t.Key, t.Value]));
  return (
    tags.get('strata:project') === owner.project &&
    tags.get('strata:layer') === 'database' &&
    tags.get('strata:environment') === owner.environment
  );
}

function toInfo(s: DBSnapshot): SnapshotInfo {
  return {
    identifier: s.DBSnapshotIdentifier ?? '',
    arn: s.DBSnapshotArn ?? '',
    type: s.SnapshotType ?? 'unknown',
    status: s.Status ?? 'unknown',
    created: s.SnapshotCreateTime?.toISOString(),
    sizeGiB: s.AllocatedStorage,
    encrypted: s.Encrypted === true,
    engineVersion: s.EngineVersion,
    instance: s.DBInstanceIdentifier,
  };
}

/** Every snapshot of the environment's database in the client's region, newest first. */
export async function listSnapshots(
  rds: RDSClient,
  cfn: StackApi,
  owner: SnapshotOwner,
): Promise<SnapshotInfo[]> {
  const instance = await liveInstanceId(cfn, owner);
  const found: SnapshotInfo[] = [];
  try {
    for await (const page of paginateDescribeDBSnapshots({ client: rds }, {}))
      for (const s of page.DBSnapshots ?? [])
        if (belongsTo(s, owner, instance)) found.push(toInfo(s));
  } catch (error) {
    throw awsError('RDS DescribeDBSnapshots', error);
  }
  return found.sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''));
}
