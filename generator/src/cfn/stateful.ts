/** Resource types that hold data: replacing or removing one loses that data unless a policy keeps it. */
export const STATEFUL_TYPES = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::S3::Bucket',
  'AWS::EC2::Volume',
  'AWS::DynamoDB::Table',
  'AWS::EFS::FileSystem',
  'AWS::ElastiCache::ReplicationGroup',
]);

/**
 * What happens to the data of a stateful resource that is replaced or removed, given its template policies
 * (UpdateReplacePolicy for a replacement, DeletionPolicy for a removal); undefined when nothing is lost.
 */
export function dataWarning(
  type: string,
  impact: string,
  resource: { UpdateReplacePolicy?: unknown; DeletionPolicy?: unknown } | undefined,
): string | undefined {
  if (
    !STATEFUL_TYPES.has(type) ||
    (impact !== 'replace' && impact !== 'may-replace' && impact !== 'destroy')
  )
    return undefined;
  const policy = String(
    (impact === 'destroy' ? resource?.DeletionPolicy : resource?.UpdateReplacePolicy) ?? 'Delete',
  );
  const what =
    impact === 'destroy' ? 'removed' : impact === 'may-replace' ? 'may be replaced' : 'replaced';
  if (policy === 'Snapshot')
    return `holds data: ${what}; CloudFormation keeps a snapshot of the old one (${impact === 'destroy' ? 'DeletionPolicy' : 'UpdateReplacePolicy'}: Snapshot), the new one starts empty`;
  if (policy === 'Retain')
    return `holds data: ${what}; the old one is kept, outside CloudFormation (Retain)`;
  return `holds data: ${what} and its data deleted`;
}
