import type { Model, Tier } from '../model/topology';
import { ref, selectFrom } from '../cfn/intrinsics';
import type { AlarmScope } from './alarm-catalogue';
import type { Parameter } from './types';

/** A metric dimension; `value` is YAML flow text (`!Ref X`), `sub` the same as a `${Var}` name. */
export interface Dimension {
  name: string;
  value: string;
  sub: string;
}

/** One thing alarms and dashboard widgets watch: an instance, a group, the database, a target group. */
export interface Watched {
  /** PascalCase, unique in the stack: `FrontendInstance1`, `FrontendGroup`, `Database`. */
  id: string;
  /** Lower-case label for alarm names and widget titles. */
  label: string;
  /** Tier name for instance scopes; the dashboard groups rows by it. */
  tier?: string;
  dimensions: Dimension[];
}

/**
 * A tier whose instances come and go (the `scale` layer's auto-scaling groups). Read structurally so
 * that this layer needs no change when the model gains the field: alarms then follow the group.
 */
export function isAutoScaled(tier: Tier): boolean {
  return Boolean((tier as Tier & { autoScaling?: unknown }).autoScaling);
}

const dim = (name: string, value: string, sub: string): Dimension => ({ name, value, sub });

/** The instances (or group) of one tier, as alarm subjects. */
function tierTargets(tier: Tier): Watched[] {
  if (isAutoScaled(tier)) {
    const param = `${tier.id}AutoScalingGroupName`;
    return [
      {
        id: `${tier.id}Group`,
        label: tier.name,
        tier: tier.name,
        dimensions: [dim('AutoScalingGroupName', ref(param), param)],
      },
    ];
  }
  return tier.instances.map((instance, i) => ({
    id: instance.logicalId,
    label: `${tier.name}-${instance.number}`,
    tier: tier.name,
    dimensions: [dim('InstanceId', selectFrom(i, `${tier.id}InstanceIds`), instance.logicalId)],
  }));
}

/** Everything watched, by scope. */
export function watchedByScope(model: Model): Record<AlarmScope, Watched[]> {
  const lbDim = dim('LoadBalancer', ref('LoadBalancerFullName'), 'LoadBalancerFullName');
  return {
    instance: model.tiers.flatMap(tierTargets),
    database: model.database
      ? [
          {
            id: 'Database',
            label: 'database',
            dimensions: [
              dim('DBInstanceIdentifier', ref('DatabaseInstanceId'), 'DatabaseInstanceId'),
            ],
          },
        ]
      : [],
    'load-balancer': model.loadBalancer
      ? [{ id: 'LoadBalancer', label: 'alb', dimensions: [lbDim] }]
      : [],
    'target-group': (model.loadBalancer?.targetGroups ?? []).map((tg) => ({
      id: tg.logicalId,
      label: `${tg.tier}-${tg.port}`,
      tier: tg.tier,
      dimensions: [
        dim('TargetGroup', ref(`${tg.logicalId}FullName`), `${tg.logicalId}FullName`),
        lbDim,
      ],
    })),
  };
}

/** Parameters the watched dimensions need, each an output of an earlier stack. */
export function monitoringParameters(model: Model): Parameter[] {
  const params: Parameter[] = [];
  for (const tier of model.tiers) {
    params.push(
      isAutoScaled(tier)
        ? {
            name: `${tier.id}AutoScalingGroupName`,
            type: 'String',
            description: `Auto-scaling group of the ${tier.name} tier (compute stack)`,
          }
        : {
            name: `${tier.id}InstanceIds`,
            type: 'List<AWS::EC2::Instance::Id>',
            description: `Instances of the ${tier.name} tier (compute stack)`,
          },
    );
  }
  if (model.database)
    params.push({
      name: 'DatabaseInstanceId',
      type: 'String',
      description: 'Identifier of the database instance (database stack)',
    });
  if (model.loadBalancer) {
    params.push({
      name: 'LoadBalancerFullName',
      type: 'String',
      description: 'Full name of the load balancer, its CloudWatch dimension (load-balancer stack)',
    });
    for (const tg of model.loadBalancer.targetGroups)
      params.push({
        name: `${tg.logicalId}FullName`,
        type: 'String',
        description: `Full name of target group ${tg.logicalId} (load-balancer stack)`,
      });
  }
  return params;
}
