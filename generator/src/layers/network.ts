import type { Model, SubnetGroup } from '../model/topology';
import { getAtt, joinComma, ref } from '../cfn/intrinsics';
import { withName, type Layer, type LayerBase } from './types';

/** A NAT gateway and the zone it serves. */
export interface NatGateway {
  logicalId: string;
  eipLogicalId: string;
  subnet: string;
  tags: Array<{ key: string; value: string }>;
}

/** A route table with its default route and associations. */
export interface RouteTable {
  logicalId: string;
  /** Topology path of the subnet group's routing, which decided this table. */
  source: string;
  tags: Array<{ key: string; value: string }>;
  /** To the internet gateway, to a NAT gateway, or none (isolated). */
  defaultRoute?: { logicalId: string; gateway?: string; natGateway?: string };
  associations: Array<{ logicalId: string; subnet: string }>;
}

/** Template data of the network layer. */
export interface NetworkData extends LayerBase {
  vpc: { cidr: string; tags: Array<{ key: string; value: string }> };
  subnets: Array<{
    logicalId: string;
    zone: string;
    cidr: string;
    public: boolean;
    tags: Array<{ key: string; value: string }>;
  }>;
  routeTables: RouteTable[];
}

/** The NAT gateways the topology asks for: one per zone, one in the first zone, or none. */
export function natGatewaysOf(model: Model): NatGateway[] {
  const publicGroup = model.network.groups.find((g) => g.routing === 'internet');
  if (!publicGroup || model.network.natGateways === 'none') return [];
  const subnets =
    model.network.natGateways === 'single' ? publicGroup.subnets.slice(0, 1) : publicGroup.subnets;
  return subnets.map((s) => ({
    logicalId: `NatGateway${s.zone.letter}`,
    eipLogicalId: `NatGateway${s.zone.letter}Eip`,
    subnet: s.logicalId,
    tags: withName(model, `${model.name}-nat-${s.zone.name}`),
  }));
}

/** The route tables of a subnet group: one for public subnets, one per zone otherwise. */
export function routeTablesOf(model: Model, group: SubnetGroup, nats: NatGateway[]): RouteTable[] {
  const source = `${group.source}.routing`;
  const associations = (subnets: SubnetGroup['subnets']) =>
    subnets.map((s) => ({ logicalId: `${s.logicalId}RouteTableAssociation`, subnet: s.logicalId }));
  if (group.routing === 'internet') {
    return [
      {
        logicalId: `${group.id}RouteTable`,
        source,
        tags: withName(model, `${model.name}-${group.name}`),
        defaultRoute: { logicalId: `${group.id}DefaultRoute`, gateway: 'InternetGateway' },
        associations: associations(group.subnets),
      },
    ];
  }
  // One table per zone, so each zone's traffic leaves through its own NAT gateway (or the single one).
  return group.subnets.map((s) => {
    const nat = nats.find((n) => n.logicalId === `NatGateway${s.zone.letter}`) ?? nats[0];
    return {
      logicalId: `${group.id}RouteTable${s.zone.letter}`,
      source,
      tags: withName(model, `${model.name}-${group.name}-${s.zone.name}`),
      defaultRoute:
        group.routing === 'nat' && nat
          ? { logicalId: `${group.id}DefaultRoute${s.zone.letter}`, natGateway: nat.logicalId }
          : undefined,
      associations: associations([s]),
    };
  });
}

/** Route tables that get a default route (to the internet gateway or a NAT gateway). */
export function defaultRoutedTables(model: Model): RouteTable[] {
  const nats = natGatewaysOf(model);
  return model.network.groups
    .flatMap((g) => routeTablesOf(model, g, nats))
    .filter((t) => t.defaultRoute);
}

/**
 * The VPC, its subnets and their route tables: what every other stack needs, and quick to create.
 * The gateways and default routes (a NAT gateway takes minutes) are the gateways layer's, so the
 * database and security stacks do not wait for them.
 */
export const networkLayer: Layer<NetworkData> = {
  name: 'network',
  partials: ['vpc-resources', 'subnets', 'route-tables'],
  applies: () => true,
  toTemplateData(model) {
    const { network } = model;
    const nats = natGatewaysOf(model);
    const resources: Record<string, string> = { Vpc: 'network.cidr' };
    const routeTables = network.groups.flatMap((g) => routeTablesOf(model, g, nats));
    for (const group of network.groups) {
      for (const s of group.subnets) resources[s.logicalId] = s.source;
    }
    for (const table of routeTables) {
      resources[table.logicalId] = table.source;
      for (const a of table.associations) resources[a.logicalId] = table.source;
    }
    return {
      layer: 'network',
      description: `${model.name} network: VPC ${network.cidr} over ${network.zones.length} availability zones`,
      parameters: [],
      outputs: [
        { name: 'VpcId', value: ref('Vpc'), description: 'The VPC' },
        {
          name: 'VpcCidr',
          value: getAtt('Vpc', 'CidrBlock'),
          description: 'CIDR block of the VPC',
        },
        ...network.groups.map((g) => ({
          name: `${g.id}SubnetIds`,
          value: joinComma(g.subnets.map((s) => ref(s.logicalId))),
          description: `Subnets of the ${g.name} group, in zone order (${g.subnets.map((s) => s.zone.name).join(', ')})`,
        })),
        ...routeTables
          .filter((t) => t.defaultRoute)
          .map((t) => ({
            name: `${t.logicalId}Id`,
            value: ref(t.logicalId),
            description: `Route table ${t.logicalId} (its default route is in the gateways stack)`,
          })),
      ],
      resources,
      tags: model.tags,
      vpc: { cidr: network.cidr, tags: withName(model, `${model.name}-vpc`) },
      subnets: network.groups.flatMap((g) =>
        g.subnets.map((s) => ({
          logicalId: s.logicalId,
          zone: s.zone.name,
          cidr: s.cidr,
          public: g.routing === 'internet',
          tags: withName(model, `${model.name}-${g.name}-${s.zone.name}`),
        })),
      ),
      routeTables,
    };
  },
};
