import { literal, resources, type StackSet } from '../cfn/stack-set';
import type { CfnResource } from '../cfn/yaml';
import type { Model } from '../model/topology';

/** A load balancer and its listeners, drawn between the internet and the VPC. */
export interface BalancerNode {
  /** The owner name arrows use: `load balancer`, or `load balancer <id>` when there are several. */
  id: string;
  title: string;
  listeners: string[];
  placement: string;
  /** Names of its security groups in the topology. */
  securityGroups: string[];
}

type Props = Record<string, unknown>;
const props = (r: CfnResource | undefined): Props => r?.Properties ?? {};

/** The tier a target group sends to: by the topology path of its targets, else the model's record. */
function targetOf(
  model: Model,
  set: StackSet,
  layer: string,
  tgId: string,
  tg: CfnResource,
): string {
  const port = literal(set.resolve(layer, props(tg).Port));
  const targets = Array.isArray(props(tg).Targets) ? (props(tg).Targets as Props[]) : [];
  const paths = targets
    .flatMap((t) => resources(set.resolve(layer, t.Id)))
    .map((r) => set.stacks.find((s) => s.layer === r.layer)?.paths[r.logicalId] ?? '');
  const tier =
    /^tiers\.([^.[]+)/.exec(paths[0] ?? '')?.[1] ??
    model.loadBalancer?.targetGroups.find((t) => t.logicalId === tgId)?.tier;
  return `${tier ?? tgId}${port !== undefined ? ` :${port}` : ''}`;
}

function actionText(model: Model, set: StackSet, layer: string, action: Props | undefined): string {
  if (!action) return '?';
  if (action.Type === 'redirect') {
    const r = (action.RedirectConfig ?? {}) as Props;
    return `redirect to ${String(r.Protocol ?? '')} :${String(r.Port ?? '')}`.replace(/ :$/, '');
  }
  if (action.Type === 'fixed-response') return 'fixed response';
  const [tg] = resources(set.resolve(layer, action.TargetGroupArn));
  return tg ? targetOf(model, set, tg.layer, tg.logicalId, tg.resource) : 'target group';
}

/**
 * The action a tier attached to a listener with a listener rule (in the compute stack, across the
 * stack boundary), with the rule's layer; undefined when no rule names the listener.
 */
function ruleActionOf(set: StackSet, layer: string, listenerId: string) {
  for (const s of set.stacks)
    for (const r of Object.values(s.template.Resources)) {
      if (r.Type !== 'AWS::ElasticLoadBalancingV2::ListenerRule') continue;
      const [target] = resources(set.resolve(s.layer, props(r).ListenerArn));
      if (target?.layer !== layer || target.logicalId !== listenerId) continue;
      const actions = props(r).Actions;
      if (Array.isArray(actions)) return { layer: s.layer, action: actions[0] as Props };
    }
  return undefined;
}

function listenersOf(model: Model, set: StackSet, layer: string, lbId: string): string[] {
  const stack = set.stacks.find((s) => s.layer === layer)!;
  return Object.entries(stack.template.Resources)
    .filter(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::Listener')
    .filter(
      ([, r]) => resources(set.resolve(layer, props(r).LoadBalancerArn))[0]?.logicalId === lbId,
    )
    .map(([id, r]) => {
      const p = props(r);
      const first = Array.isArray(p.DefaultActions) ? (p.DefaultActions[0] as Props) : undefined;
      const rule = first?.Type === 'fixed-response' ? ruleActionOf(set, layer, id) : undefined;
      const text = rule
        ? actionText(model, set, rule.layer, rule.action)
        : actionText(model, set, layer, first);
      return `${String(literal(set.resolve(layer, p.Protocol)) ?? '')} :${String(literal(set.resolve(layer, p.Port)))} → ${text}`;
    })
    .sort((a, b) => Number(/:(\d+)/.exec(a)?.[1]) - Number(/:(\d+)/.exec(b)?.[1]));
}

/** Where a load balancer's subnets are, by the topology's subnet groups. */
function placementOf(model: Model, set: StackSet, layer: string, lb: CfnResource): string {
  const ids = new Set(resources(set.resolve(layer, props(lb).Subnets)).map((r) => r.logicalId));
  const groups = model.network.groups.filter((g) => g.subnets.some((s) => ids.has(s.logicalId)));
  const zones = model.network.zones.filter((z) =>
    groups.some((g) => g.subnets.some((s) => ids.has(s.logicalId) && s.zone.name === z.name)),
  );
  return `in the ${groups.map((g) => g.name).join(', ') || '?'} subnets of ${zones.map((z) => z.name).join(', ')}`;
}

/** Every load balancer the templates render, with its listeners read from them. */
export function balancersOf(model: Model, set: StackSet): BalancerNode[] {
  const found = set.stacks.flatMap((s) =>
    Object.entries(s.template.Resources)
      .filter(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')
      .map(([id, r]) => ({ layer: s.layer, id, r })),
  );
  return found.map(({ layer, id, r }) => {
    const p = props(r);
    const kind = literal(set.resolve(layer, p.Type)) === 'network' ? 'Network' : 'Application';
    const scheme = String(literal(set.resolve(layer, p.Scheme)) ?? 'internet-facing');
    const groups = resources(set.resolve(layer, p.SecurityGroups)).map((g) => g.logicalId);
    return {
      id: found.length === 1 ? 'load balancer' : `load balancer ${id}`,
      title: `${kind} Load Balancer${found.length === 1 ? '' : ` ${id}`} (${scheme})`,
      listeners: listenersOf(model, set, layer, id),
      placement: placementOf(model, set, layer, r),
      securityGroups: model.securityGroups
        .filter((g) => groups.includes(g.logicalId))
        .map((g) => g.name),
    };
  });
}
