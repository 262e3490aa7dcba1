import type { CfnTemplate } from '../cfn/yaml';
import type { DiffReport, ResourceChange } from './model';
import { symbolOf } from './symbolic';
import type { Scope } from './symbolic';
import { resolve } from './symbolic';

/** The now side of every stack, to read target groups, health checks and update policies from. */
export type NowSides = Map<string, { template?: CfnTemplate; scope: Scope }>;

type Found = { layer: string; change: ResourceChange };

function changeOf(report: DiffReport, layer: string, id: string): Found | undefined {
  const stack = report.stacks.find((s) => s.layer === layer);
  const change = stack?.resources.find((r) => r.logicalId === id);
  return change ? { layer, change } : undefined;
}

const tierOf = (r: ResourceChange): string | undefined =>
  /^tiers\.([^.[]+)/.exec(r.topologyPath ?? '')?.[1];
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function healthWords(props: Record<string, unknown>): string {
  const healthy = Number(props.HealthyThresholdCount ?? 5);
  const interval = Number(props.HealthCheckIntervalSeconds ?? 30);
  return `pass ${plural(healthy, 'health check')} (${interval} s apart, so at least ${healthy * interval} s after boot)`;
}

/** What happens to the instances behind one target group. */
function targetGroupLines(
  report: DiffReport,
  id: string,
  props: Record<string, unknown>,
  self?: ResourceChange,
): string[] {
  const targets = (Array.isArray(props.Targets) ? props.Targets : [])
    .map((t) => symbolOf((t as { Id?: unknown }).Id))
    .filter((s) => s?.resource && s.stack)
    .map((s) => ({ s: s!, found: changeOf(report, s!.stack!, s!.resource!) }));
  const lines: string[] = [];
  const health = healthWords(props);
  if (self?.impact === 'replace')
    lines.push(
      `the target group ${id} is replaced: no instance receives traffic until it is registered again and has to ${health}`,
    );
  if (targets.length === 0) return lines;
  const hit = targets.filter(
    (t) => t.found && ['replace', 'interrupt', 'remove'].includes(t.found.change.impact),
  );
  if (hit.length === 0) return lines;
  const tier = (hit.map((t) => tierOf(t.found!.change)).find(Boolean) ?? id) as string;
  const replaced = hit.filter((t) => t.found!.change.impact === 'replace').length;
  const what =
    replaced === hit.length
      ? 'replaced'
      : replaced === 0
        ? 'stopped and started'
        : 'replaced or restarted';
  if (hit.length === targets.length)
    lines.push(
      `the ${tier} tier is ${what} all at once (${hit.map((t) => t.s.resource).join(', ')}): the site is down until ${replaced ? 'the new instances boot' : 'they are running again'} and ${health}`,
    );
  else
    lines.push(
      `${hit.length} of ${targets.length} ${tier} instances ${hit.length === 1 ? 'is' : 'are'} ${what}: the site stays up on the others, with less capacity, until they ${health}`,
    );
  return lines;
}

/** Instance tiers that no target group fronts (e.g. the backend reached by private IP): replaced all at once is an outage too. */
function unfrontedTiers(report: DiffReport, fronted: Set<string>): string[] {
  const lines: string[] = [];
  const byTier = new Map<string, { all: number; hit: ResourceChange[] }>();
  for (const s of report.stacks)
    for (const r of s.resources) {
      const tier = tierOf(r);
      if (r.type !== 'AWS::EC2::Instance' || !tier || fronted.has(tier)) continue;
      const entry = byTier.get(tier) ?? { all: 0, hit: [] };
      if (r.impact !== 'create') entry.all++;
      if (r.impact === 'replace' || r.impact === 'interrupt') entry.hit.push(r);
      byTier.set(tier, entry);
    }
  for (const [tier, { hit }] of byTier) {
    if (hit.length === 0) continue;
    const what = hit.every((r) => r.impact === 'replace') ? 'replaced' : 'stopped and started';
    lines.push(
      `the ${tier} tier's instances ${hit.map((r) => r.logicalId).join(', ')} are ${what} at once: whatever calls them fails until the new ones have booted`,
    );
  }
  return lines;
}

function resourceLines(r: ResourceChange): string[] {
  if (r.data)
    return [
      `${r.logicalId} (${r.type}) is ${r.impact === 'remove' ? 'removed' : 'replaced'}: kept: ${r.data.kept}; lost: ${r.data.lost}`,
    ];
  if (r.type === 'AWS::RDS::DBInstance' && r.impact === 'interrupt') {
    const why = r.properties
      .filter((p) => p.effect === 'interrupt')
      .map((p) => p.path)
      .join(', ');
    return [
      `the database ${r.logicalId} restarts (${why} changes): the apps lose their connection until it is available again (minutes; a Multi-AZ instance fails over instead)`,
    ];
  }
  if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && r.impact === 'replace')
    return [
      `the load balancer ${r.logicalId} is replaced: the site's DNS name changes, and clients of the old name fail`,
    ];
  if (r.type === 'AWS::EC2::NatGateway' && (r.impact === 'replace' || r.impact === 'remove'))
    return [
      `the NAT gateway ${r.logicalId} is ${r.impact === 'remove' ? 'removed' : 'replaced'}: the private subnets routed through it lose outbound internet until their route points at a working gateway`,
    ];
  return [];
}

/** An auto-scaling group's rolling update, as its UpdatePolicy states it (the extension point for scaled tiers). */
function rollingLine(r: ResourceChange, template: CfnTemplate | undefined): string[] {
  if (
    r.type !== 'AWS::AutoScaling::AutoScalingGroup' ||
    r.impact === 'create' ||
    r.impact === 'remove'
  )
    return [];
  const policy = (
    template?.Resources[r.logicalId]?.UpdatePolicy as
      { AutoScalingRollingUpdate?: Record<string, unknown> } | undefined
  )?.AutoScalingRollingUpdate;
  if (!policy)
    return [
      `${r.logicalId} is updated without a rolling update policy: CloudFormation does not replace its instances`,
    ];
  return [
    `${r.logicalId} is updated rolling, ${String(policy.MaxBatchSize ?? 1)} at a time, never below ${String(policy.MinInstancesInService ?? 0)} in service`,
  ];
}

/** Downtime and data loss of a plan, in plain words, most serious first. */
export function downtime(report: DiffReport, now: NowSides): string[] {
  const lines: string[] = [];
  const fronted = new Set<string>();
  for (const [layer, side] of now)
    for (const [id, res] of Object.entries(side.template?.Resources ?? {})) {
      if (res.Type !== 'AWS::ElasticLoadBalancingV2::TargetGroup') continue;
      const props = resolve(res.Properties ?? {}, side.scope) as Record<string, unknown>;
      const tg = targetGroupLines(report, id, props, changeOf(report, layer, id)?.change);
      lines.push(...tg);
      for (const t of Array.isArray(props.Targets) ? props.Targets : []) {
        const s = symbolOf((t as { Id?: unknown }).Id);
        const f = s?.stack && s.resource ? changeOf(report, s.stack, s.resource) : undefined;
        const tier = f && tierOf(f.change);
        if (tier) fronted.add(tier);
      }
    }
  lines.push(...unfrontedTiers(report, fronted));
  for (const s of report.stacks)
    for (const r of s.resources)
      lines.push(...resourceLines(r), ...rollingLine(r, now.get(s.layer)?.template));
  return lines;
}
