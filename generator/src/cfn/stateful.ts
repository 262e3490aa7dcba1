/** Resource types that hold data: replacing or removing one loses that data unless a policy keeps it. */
export const STATEFUL_TYPES = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::S3::Bucket',
  'AWS::EC2::Volume',
  'AWS::DynamoDB::Table',
  'AWS::EFS::FileSystem',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::Logs::LogGroup',
]);

const WHAT: Record<string, string> = {
  'AWS::RDS::DBInstance': 'the database and every row in it',
  'AWS::RDS::DBCluster': 'the cluster volume and every row in it',
  'AWS::S3::Bucket': 'every object in the bucket',
  'AWS::Logs::LogGroup': 'the log events stored so far',
};

/**
 * What happens to the data of a resource that is replaced or removed, given the template's policies
 * (UpdateReplacePolicy for a replacement, DeletionPolicy for a removal); undefined for no data at risk.
 */
export function dataFate(
  type: string,
  impact: string,
  resource: { UpdateReplacePolicy?: unknown; DeletionPolicy?: unknown } | undefined,
): { kept: string; lost: string } | undefined {
  if (!STATEFUL_TYPES.has(type) || (impact !== 'replace' && impact !== 'remove')) return undefined;
  const field = impact === 'remove' ? 'DeletionPolicy' : 'UpdateReplacePolicy';
  const policy = String(resource?.[field] ?? 'Delete');
  const data = WHAT[type] ?? 'the data it holds';
  const fresh = impact === 'replace' ? '; the new one starts empty' : '';
  if (policy === 'Snapshot')
    return {
      kept: `a final snapshot of the old one (${field}: Snapshot), to restore from by hand`,
      lost: `${data} from the live resource${fresh}: writes after the snapshot are gone`,
    };
  if (policy === 'Retain' || policy === 'RetainExceptOnCreate')
    return {
      kept: `the old one, outside CloudFormation (${field}: ${policy}): it keeps costing money`,
      lost: impact === 'replace' ? `nothing, but the app now talks to an empty new one` : 'nothing',
    };
  return { kept: 'nothing', lost: `${data}, deleted with it (${field}: ${policy})${fresh}` };
}
