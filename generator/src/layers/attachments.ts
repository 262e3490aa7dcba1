import type { HealthCheck, Listener, Model, TargetGroup } from '../model/topology';
import { ref, type Yaml } from '../cfn/intrinsics';
import { withName, type Parameter } from './types';

type Tags = Array<{ key: string; value: string }>;

/** A target group as the compute template writes it. */
export interface TargetGroupData {
  logicalId: string;
  port: number;
  protocol: string;
  healthCheck: HealthCheck;
  /** Fixed instances, registered by id; empty for an auto-scaled tier, which registers itself. */
  targets: Array<{ id: Yaml; port: number }>;
  tags: Tags;
}

/** A listener rule that sends every request on a listener to one target group. */
export interface ListenerRuleData {
  logicalId: string;
  listenerParam: string;
  targetGroup: string;
}

/** Target groups and listener rules, and the parameters they take from other stacks. */
export interface Attachments {
  targetGroups: TargetGroupData[];
  listenerRules: ListenerRuleData[];
  parameters: Parameter[];
  resources: Record<string, string>;
}

/** Every listener of the topology with its target group: the public load balancer's, then internal ones. */
function listenersOf(model: Model): Array<{ listener: Listener; groups: TargetGroup[] }> {
  const out: Array<{ listener: Listener; groups: TargetGroup[] }> = [];
  for (const listener of model.loadBalancer?.listeners ?? [])
    out.push({ listener, groups: model.loadBalancer!.targetGroups });
  for (const tier of model.tiers) {
    const ilb = tier.internalLoadBalancer;
    if (ilb) out.push({ listener: ilb.listener, groups: [ilb.targetGroup] });
  }
  return out;
}

/**
 * A tier attaches itself to the load balancers: its target groups and the listener rules that
 * forward to them live in the compute stack with its instances. So the load balancers need nothing
 * from compute and deploy in parallel with the database, and a change of instances re-registers
 * targets in the same stack update that replaces them.
 */
export function attachmentsOf(model: Model): Attachments {
  const groups = new Map<string, TargetGroupData>();
  const listenerRules: ListenerRuleData[] = [];
  const parameters: Parameter[] = [];
  const resources: Record<string, string> = {};
  for (const { listener, groups: candidates } of listenersOf(model)) {
    // A redirecting listener (HTTP → HTTPS) forwards to no tier.
    if (listener.action === 'redirect') continue;
    const tg = candidates.find((g) => g.logicalId === listener.targetGroup)!;
    const tier = model.tiers.find((t) => t.name === tg.tier)!;
    if (!groups.has(tg.logicalId)) {
      groups.set(tg.logicalId, {
        logicalId: tg.logicalId,
        port: tg.port,
        protocol: tg.protocol,
        healthCheck: tg.healthCheck,
        targets: tier.instances.map((i) => ({ id: ref(i.logicalId), port: tg.port })),
        tags: withName(model, `${model.name}-${tier.name}`),
      });
      resources[tg.logicalId] = tg.source;
    }
    const rule = {
      logicalId: `${listener.logicalId}Rule`,
      listenerParam: `${listener.logicalId}Arn`,
      targetGroup: tg.logicalId,
    };
    listenerRules.push(rule);
    resources[rule.logicalId] = listener.source;
    parameters.push({
      name: rule.listenerParam,
      type: 'String',
      description: `Listener ${listener.protocol} ${listener.port} (load-balancer stack)`,
    });
  }
  if (groups.size > 0)
    parameters.unshift({
      name: 'VpcId',
      type: 'AWS::EC2::VPC::Id',
      description: 'The VPC (network stack)',
    });
  return { targetGroups: [...groups.values()], listenerRules, parameters, resources };
}
