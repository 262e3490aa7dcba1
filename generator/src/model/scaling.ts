import type { StrataTopology } from './topology.generated';
import type * as M from './topology';
import { pascal } from './names';

type RawTier = NonNullable<StrataTopology['tiers']>[string];
type RawHealthCheck = NonNullable<NonNullable<RawTier['internalLoadBalancer']>['healthCheck']>;

/** The security group strata makes for a tier's internal load balancer. */
export const internalLbGroupName = (tier: string): string => `${tier}-lb`;

/** A health check with every default applied. */
export function healthCheckOf(hc: RawHealthCheck = {}): M.HealthCheck {
  return {
    path: hc.path ?? '/health',
    intervalSeconds: hc.intervalSeconds ?? 30,
    timeoutSeconds: hc.timeoutSeconds ?? 5,
    healthyThreshold: hc.healthyThreshold ?? 2,
    unhealthyThreshold: hc.unhealthyThreshold ?? 2,
    matcher: hc.matcher ?? '200',
  };
}

/**
 * The group's size and rolling-update batch. The rolling update keeps `min` instances in service
 * (at least one, and fewer than `max`, which CloudFormation requires so it can add the new one).
 */
export function autoScalingOf(name: string, tier: RawTier): M.AutoScaling | undefined {
  const a = tier.autoScaling;
  if (!a) return undefined;
  const source = `tiers.${name}.autoScaling`;
  const id = pascal(name);
  return {
    minSize: a.min,
    maxSize: a.max,
    desiredCapacity: a.desired ?? a.min,
    targetCpuPercent: a.targetCpuPercent,
    maxBatchSize: a.maxBatchSize ?? 1,
    minInstancesInService: Math.max(1, Math.min(a.min, a.max - 1)),
    schedules: (a.schedules ?? []).map((s, i) => ({
      logicalId: `${id}Schedule${pascal(s.name)}`,
      name: s.name,
      recurrence: s.cron.trim().split(/\s+/).join(' '),
      minSize: s.min,
      maxSize: s.max,
      desiredCapacity: s.desired,
      source: `${source}.schedules[${i}]`,
    })),
    source,
  };
}

/** The internal load balancer of a tier: one HTTP listener forwarding to the tier's port. */
export function internalLoadBalancerOf(
  name: string,
  tier: RawTier,
): M.InternalLoadBalancer | undefined {
  const ilb = tier.internalLoadBalancer;
  if (!ilb) return undefined;
  const id = pascal(name);
  const source = `tiers.${name}.internalLoadBalancer`;
  const port = ilb.port ?? 80;
  const targetGroup = `${id}InternalTargetGroup`;
  return {
    logicalId: `${id}LoadBalancer`,
    subnetGroup: tier.subnets,
    securityGroup: internalLbGroupName(name),
    idleTimeoutSeconds: ilb.idleTimeoutSeconds ?? 60,
    listener: {
      logicalId: `${id}HttpListener${port}`,
      port,
      protocol: 'HTTP',
      action: 'forward',
      targetGroup,
      source,
    },
    targetGroup: {
      logicalId: targetGroup,
      tier: name,
      port: tier.port,
      protocol: 'HTTP',
      healthCheck: healthCheckOf(ilb.healthCheck),
      source,
    },
    source,
  };
}

function rule(
  group: string,
  from: { name: string; groupId: string },
  port: number,
  description: string,
  sourcePath: string,
): M.IngressRule {
  return {
    logicalId: `${pascal(group)}From${from.groupId}Port${port}`,
    protocol: 'tcp',
    fromPort: port,
    toPort: port,
    source: { kind: 'group', group: from.name, groupId: from.groupId },
    description,
    sourcePath,
  };
}

/**
 * Security groups follow the calls: each internal load balancer gets a group that admits the
 * security groups of the tiers calling it on its port, and the tier's own group admits it on the
 * tier's port. Returns the groups with those groups and rules added (rules already there are kept).
 */
export function withServiceGroups(groups: M.SecurityGroup[], tiers: M.Tier[]): M.SecurityGroup[] {
  const out = groups.map((g) => ({ ...g, ingress: [...g.ingress] }));
  for (const tier of tiers) {
    const ilb = tier.internalLoadBalancer;
    if (!ilb) continue;
    const lb: M.SecurityGroup = {
      name: ilb.securityGroup,
      logicalId: `${pascal(ilb.securityGroup)}SecurityGroup`,
      description: `Internal load balancer of the ${tier.name} tier`,
      ingress: [],
      egress: 'all',
      source: ilb.source,
    };
    const callers = tiers.filter((t) =>
      t.environment.some(
        (e) =>
          e.value.kind === 'ref' &&
          e.value.ref.kind === 'tier' &&
          e.value.ref.tier === tier.name &&
          e.value.ref.attribute === 'url',
      ),
    );
    for (const sg of new Set(callers.map((c) => c.securityGroup))) {
      const from = { name: sg, groupId: pascal(sg) };
      lb.ingress.push(
        rule(lb.name, from, ilb.listener.port, `Calls to ${tier.name} from ${sg}`, ilb.source),
      );
    }
    out.push(lb);
    const own = out.find((g) => g.name === tier.securityGroup);
    const toTier = rule(
      tier.securityGroup,
      { name: lb.name, groupId: pascal(lb.name) },
      tier.port,
      `${tier.name} traffic from its internal load balancer`,
      ilb.source,
    );
    if (own && !own.ingress.some((r) => r.logicalId === toTier.logicalId)) own.ingress.push(toTier);
  }
  return out;
}
