import type { Model, Tier } from '../model/topology';
import { sub, type Yaml } from '../cfn/intrinsics';
import { HEALTH_CHECK_GRACE_SECONDS, SIGNAL_TIMEOUT } from './boot-signal';
import { withName } from './types';

/**
 * Processes suspended while CloudFormation rolls instances, so the group does not replace, rebalance
 * or resize under it (AWS's guidance for AutoScalingRollingUpdate). Launch, Terminate and
 * AddToLoadBalancer must keep running: the update needs them.
 */
const SUSPENDED_DURING_UPDATE = [
  'HealthCheck',
  'ReplaceUnhealthy',
  'AZRebalance',
  'AlarmNotification',
  'ScheduledActions',
];

/** An Auto Scaling group and what hangs off it, as the compute template writes them. */
export interface AutoScalingData {
  logicalId: string;
  minSize: number;
  maxSize: number;
  /** Rendered only without a scaling policy or schedule: otherwise every deploy would undo them. */
  desiredCapacity?: number;
  signalCount: number;
  signalTimeout: string;
  maxBatchSize: number;
  minInstancesInService: number;
  suspendProcesses: string[];
  hasSchedules: boolean;
  subnetsParam: string;
  targetGroups: string[];
  gracePeriodSeconds: number;
  tags: Array<{ key: string; value: string }>;
  signalPolicy: { logicalId: string; stackArn: Yaml };
  cpuPolicy?: { logicalId: string; targetValue: number };
  schedules: Array<{
    logicalId: string;
    recurrence: string;
    minSize?: number;
    maxSize?: number;
    desiredCapacity?: number;
  }>;
}

/** Target groups a tier's instances belong in: its own behind the public and the internal load balancer. */
export function targetGroupsOf(model: Model, tier: Tier): string[] {
  return [
    ...(model.loadBalancer?.targetGroups ?? []).filter((g) => g.tier === tier.name),
    ...(tier.internalLoadBalancer ? [tier.internalLoadBalancer.targetGroup] : []),
  ].map((g) => g.logicalId);
}

/** The group of an auto-scaled tier, its rolling-update policy, scaling policy and schedules. */
export function autoScalingData(model: Model, tier: Tier): AutoScalingData | undefined {
  const scaling = tier.autoScaling;
  if (!scaling) return undefined;
  const group = model.network.groups.find((g) => g.name === tier.subnetGroup)!;
  const dynamic = scaling.targetCpuPercent !== undefined || scaling.schedules.length > 0;
  return {
    logicalId: `${tier.id}AutoScalingGroup`,
    minSize: scaling.minSize,
    maxSize: scaling.maxSize,
    desiredCapacity: dynamic ? undefined : scaling.desiredCapacity,
    // Without DesiredCapacity the group starts at MinSize, so that many instances signal.
    signalCount: dynamic ? scaling.minSize : scaling.desiredCapacity,
    signalTimeout: SIGNAL_TIMEOUT,
    maxBatchSize: scaling.maxBatchSize,
    minInstancesInService: scaling.minInstancesInService,
    suspendProcesses: SUSPENDED_DURING_UPDATE,
    hasSchedules: scaling.schedules.length > 0,
    subnetsParam: `${group.id}SubnetIds`,
    targetGroups: targetGroupsOf(model, tier),
    gracePeriodSeconds: HEALTH_CHECK_GRACE_SECONDS,
    tags: withName(model, `${model.name}-${tier.name}`),
    signalPolicy: {
      logicalId: `${tier.id}SignalAccess`,
      stackArn: sub(
        'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${AWS::StackName}/*',
      ),
    },
    cpuPolicy:
      scaling.targetCpuPercent === undefined
        ? undefined
        : { logicalId: `${tier.id}CpuTargetTracking`, targetValue: scaling.targetCpuPercent },
    schedules: scaling.schedules.map((s) => ({
      logicalId: s.logicalId,
      recurrence: s.recurrence,
      minSize: s.minSize,
      maxSize: s.maxSize,
      desiredCapacity: s.desiredCapacity,
    })),
  };
}
