/**
 * How CloudFormation rolls a change through an Auto Scaling group, for the plan: a change of its
 * launch template or subnets (what triggers AutoScalingRollingUpdate) under its update policy.
 * Undefined for anything else, or when the group itself is replaced.
 */
export function rolloutNote(
  type: string,
  impact: string,
  changedPaths: string[],
  resource: Record<string, unknown> | undefined,
): string | undefined {
  if (type !== 'AWS::AutoScaling::AutoScalingGroup' || impact === 'replace') return undefined;
  if (!changedPaths.some((p) => /^(LaunchTemplate|VPCZoneIdentifier)\b/.test(p))) return undefined;
  const policy = (resource?.UpdatePolicy as Record<string, unknown> | undefined)
    ?.AutoScalingRollingUpdate as Record<string, unknown> | undefined;
  if (!policy)
    return 'no rolling update policy: running instances keep the old version until replaced';
  const batch = Number(policy.MaxBatchSize ?? 1);
  const minimum = Number(policy.MinInstancesInService ?? 0);
  const signals = policy.WaitOnResourceSignals === true;
  return `rolling, ${batch} at a time, never below ${minimum} in service${signals ? '; each new instance counts once it signals healthy, a failure rolls back' : ''}`;
}
