import { StackSet, literal, resources } from '../cfn/stack-set';
import type { Model, SecurityGroup } from '../model/topology';
import { balancersOf, type BalancerNode } from './balancers';
import type { CfnTemplate } from '../cfn/yaml';
import type { Manifest } from '../manifest/types';

/** What the diagram is drawn from: the model, and the rendered stacks for what only they know. */
export interface DiagramInput {
  model: Model;
  manifest: Manifest;
  templates: Map<string, CfnTemplate>;
}

/** A box inside one subnet of the VPC: instances of a tier, an auto-scaling group, the database, a NAT gateway. */
export interface CellItem {
  kind: 'instances' | 'asg' | 'database' | 'nat';
  /** What uses a security group (a tier, `database`, a load balancer); arrows start and end here. */
  owner: string;
  title: string;
  detail: string;
}

/** One security-group rule: traffic on `ports` from `from` (an owner or `internet`) to `to`. */
export interface RuleArrow {
  from: string;
  to: string;
  label: string;
}

/** The topology as the diagram shows it: zones × subnet groups, with what runs in each cell. */
export interface DiagramGraph {
  title: string;
  vpc: string;
  zones: string[];
  groups: Array<{ name: string; detail: string }>;
  /** `group/zone` → the subnet's CIDR. */
  cidrs: Map<string, string>;
  /** `group/zone` → boxes in that subnet. */
  cells: Map<string, CellItem[]>;
  balancers: BalancerNode[];
  rules: RuleArrow[];
}

const cellKey = (group: string, zone: string) => `${group}/${zone}`;

function ownersOf(model: Model, balancers: BalancerNode[], group: string): string[] {
  const owners = model.tiers.filter((t) => t.securityGroup === group).map((t) => t.name);
  for (const lb of balancers) if (lb.securityGroups.includes(group)) owners.push(lb.id);
  if (model.database?.securityGroup === group) owners.push('database');
  return owners;
}

function rulesOf(model: Model, balancers: BalancerNode[]): RuleArrow[] {
  const out = new Map<string, RuleArrow>();
  const add = (sg: SecurityGroup) => {
    for (const rule of sg.ingress) {
      const ports =
        rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}-${rule.toPort}`;
      const { source } = rule;
      const froms =
        source.kind === 'group'
          ? ownersOf(model, balancers, source.group)
          : source.kind === 'cidr'
            ? ['internet']
            : [`subnets:${source.group}`];
      const what =
        source.kind === 'group'
          ? source.group
          : source.kind === 'cidr'
            ? source.cidr
            : `${source.group} subnets`;
      for (const to of ownersOf(model, balancers, sg.name))
        for (const from of froms) {
          const arrow = { from, to, label: `${ports} from ${what}` };
          out.set(`${from}|${to}|${arrow.label}`, arrow);
        }
    }
  };
  model.securityGroups.forEach(add);
  return [...out.values()];
}

/** Desired/min/max of a tier's auto-scaling group, when the templates render one. */
function scalingOf(set: StackSet, tier: string): string | undefined {
  for (const stack of set.stacks)
    for (const [id, r] of Object.entries(stack.template.Resources)) {
      if (
        r.Type !== 'AWS::AutoScaling::AutoScalingGroup' ||
        !(stack.paths[id] ?? '').startsWith(`tiers.${tier}`)
      )
        continue;
      const p = r.Properties ?? {};
      const v = (k: string) => literal(set.resolve(stack.layer, p[k])) ?? '?';
      return `desired ${v('DesiredCapacity')} (${v('MinSize')}–${v('MaxSize')})`;
    }
  return undefined;
}

type Push = (group: string, zone: string, item: CellItem) => void;

/** NAT gateways go where the network template puts them: the subnet each one names. */
function placeNats(model: Model, set: StackSet, push: Push): void {
  for (const stack of set.stacks)
    for (const r of Object.values(stack.template.Resources)) {
      if (r.Type !== 'AWS::EC2::NatGateway') continue;
      const [subnet] = resources(set.resolve(stack.layer, r.Properties?.SubnetId));
      for (const g of model.network.groups)
        for (const s of g.subnets)
          if (s.logicalId === subnet?.logicalId)
            push(g.name, s.zone.name, {
              kind: 'nat',
              owner: 'nat',
              title: 'NAT gateway',
              detail: 'public IPv4',
            });
    }
}

/** One box per tier and zone: its instances, or its auto-scaling group in every zone of its subnets. */
function placeTiers(model: Model, set: StackSet, push: Push): void {
  for (const tier of model.tiers) {
    const scaling = scalingOf(set, tier.name);
    const group = model.network.groups.find((g) => g.name === tier.subnetGroup)!;
    for (const { zone } of group.subnets) {
      const here = tier.instances.filter((i) => i.zone.name === zone.name);
      const base = { owner: tier.name, kind: scaling ? ('asg' as const) : ('instances' as const) };
      if (scaling)
        push(group.name, zone.name, {
          ...base,
          title: `${tier.name} ASG`,
          detail: `${tier.instanceType} ${scaling} :${tier.port}`,
        });
      else if (here.length)
        push(group.name, zone.name, {
          ...base,
          title: `${tier.name} ${here.map((i) => `#${i.number}`).join(' ')}`,
          detail: `${here.length} × ${tier.instanceType} :${tier.port}`,
        });
    }
  }
}

/** The primary in the group's first zone, the standby in the second when Multi-AZ. */
function placeDatabase(model: Model, push: Push): void {
  const db = model.database;
  if (!db) return;
  const group = model.network.groups.find((g) => g.name === db.subnetGroup)!;
  const [primary, standby] = group.subnets;
  const detail = `${db.instanceClass} ${db.engine} ${db.engineVersion} :${db.port}`;
  push(group.name, primary.zone.name, {
    kind: 'database',
    owner: 'database',
    title: 'RDS primary',
    detail,
  });
  if (db.multiAz && standby)
    push(group.name, standby.zone.name, {
      kind: 'database',
      owner: 'database',
      title: 'RDS standby',
      detail,
    });
}

function place(model: Model, set: StackSet, cells: Map<string, CellItem[]>): void {
  const push: Push = (group, zone, item) => cells.get(cellKey(group, zone))?.push(item);
  placeNats(model, set, push);
  placeTiers(model, set, push);
  placeDatabase(model, push);
}

/** Builds the diagram of a generated topology; the same topology always gives the same graph. */
export function diagramGraph(input: DiagramInput): DiagramGraph {
  const { model } = input;
  const zones = model.network.zones.map((z) => z.name);
  const cells = new Map<string, CellItem[]>();
  for (const g of model.network.groups) for (const z of zones) cells.set(cellKey(g.name, z), []);
  const stacks = input.manifest.stacks.map((s) => ({
    layer: s.layer,
    template: input.templates.get(s.template)!,
    parameters: s.parameters,
    resources: s.resources,
  }));
  const set = new StackSet({ region: model.region, stacks });
  place(model, set, cells);
  const balancers = balancersOf(model, set);
  return {
    title: `${model.name} (${model.region})`,
    vpc: `VPC ${model.network.cidr}`,
    zones,
    groups: model.network.groups.map((g) => ({ name: g.name, detail: `${g.routing} routing` })),
    cidrs: new Map(
      model.network.groups.flatMap((g) =>
        g.subnets.map((s) => [cellKey(g.name, s.zone.name), s.cidr] as const),
      ),
    ),
    cells,
    balancers,
    rules: rulesOf(model, balancers),
  };
}

export { cellKey };
export type { BalancerNode };
