import type { Model, SubnetGroup } from '../model/topology';
import { getAtt, joinComma, ref } from '../cfn/intrinsics';
import { withName, type Layer, type LayerBase } from './types';

/** A NAT gateway and the zone it serves. */
interface NatGateway {
  logicalId: string;
  eipLogicalId: string;
  subnet: string;
  tags: Array<{ key: string; value: string }>;
}

/** A route table with its default route and associations. */
interface RouteTable {
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
  internetGateway?: { tags: Array<{ key: string; value: string }> };
  subnets: Array<{
    logicalId: string;
    zone: string;
    cidr: string;
    public: boolean;
    tags: Array<{ key: string; value: string }>;
  }>;
  natGateways: NatGateway[];
  routeTables: RouteTable[];
}

function natGatewaysOf(model: Model): NatGateway[] {
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

function routeTablesOf(model: Model, group: SubnetGroup, nats: NatGateway[]): RouteTable[] {
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

/** The VPC, subnets, internet and NAT gateways, and route tables. */
export const networkLayer: Layer<NetworkData> = {
  name: 'network',
  partials: ['vpc-resources', 'subnets', 'nat-gateways', 'route-tables'],
  applies: () => true,
  toTemplateData(model) {
    const { network } = model;
    const nats = natGatewaysOf(model);
    const resources: Record<string, string> = { Vpc: 'network.cidr' };
    const hasInternet = network.groups.some((g) => g.routing === 'internet');
    if (hasInternet)
      Object.assign(resources, {
        InternetGateway: 'network.subnets',
        InternetGatewayAttachment: 'network.subnets',
      });
    const routeTables = network.groups.flatMap((g) => routeTablesOf(model, g, nats));
    for (const group of network.groups) {
      for (const s of group.subnets) resources[s.logicalId] = s.source;
    }
    for (const nat of nats)
      Object.assign(resources, {
        [nat.logicalId]: 'network.natGateways',
        [nat.eipLogicalId]: 'network.natGateways',
      });
    for (const table of routeTables) {
      resources[table.logicalId] = table.source;
      if (table.defaultRoute) resources[table.defaultRoute.logicalId] = table.source;
      for (const a of table.associations) resources[a.logicalId] = table.source;
    }
    return {
      layer: 'network',
      description: `${model.name} network: VPC ${network.cidr} over ${network.zones.length} availability zones, NAT ${network.natGateways}`,
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
      ],
      resources,
      tags: model.tags,
      vpc: { cidr: network.cidr, tags: withName(model, `${model.name}-vpc`) },
      internetGateway: hasInternet ? { tags: withName(model, `${model.name}-igw`) } : undefined,
      subnets: network.groups.flatMap((g) =>
        g.subnets.map((s) => ({
          logicalId: s.logicalId,
          zone: s.zone.name,
          cidr: s.cidr,
          public: g.routing === 'internet',
          tags: withName(model, `${model.name}-${g.name}-${s.zone.name}`),
        })),
      ),
      natGateways: nats,
      routeTables,
    };
  },
};
