import type { Model } from '../model/topology';
import { ref, selectFrom, type Yaml } from '../cfn/intrinsics';
import { defaultRoutedTables, natGatewaysOf } from './network';
import { withName, type Layer, type LayerBase, type Parameter } from './types';

type Tags = Array<{ key: string; value: string }>;

/** Template data of the gateways layer. */
export interface GatewaysData extends LayerBase {
  internetGateway?: { tags: Tags };
  natGateways: Array<{ logicalId: string; eipLogicalId: string; subnet: Yaml; tags: Tags }>;
  routes: Array<{
    logicalId: string;
    routeTableParam: string;
    gateway?: string;
    natGateway?: string;
  }>;
}

/** Parameters: the VPC, the public subnets the NAT gateways sit in, the tables that get a route. */
function parametersOf(model: Model, hasInternet: boolean, nats: boolean): Parameter[] {
  const params: Parameter[] = [];
  if (hasInternet)
    params.push({
      name: 'VpcId',
      type: 'AWS::EC2::VPC::Id',
      description: 'The VPC (network stack)',
    });
  const publicGroup = model.network.groups.find((g) => g.routing === 'internet');
  if (nats && publicGroup)
    params.push({
      name: `${publicGroup.id}SubnetIds`,
      type: 'List<AWS::EC2::Subnet::Id>',
      description: `Subnets of the ${publicGroup.name} group (network stack)`,
    });
  for (const table of defaultRoutedTables(model))
    params.push({
      name: `${table.logicalId}Id`,
      type: 'String',
      description: `Route table ${table.logicalId} (network stack)`,
    });
  return params;
}

/**
 * The internet gateway, the NAT gateways and every default route. A NAT gateway takes minutes to
 * become available, and only booting instances need it; in its own stack, the database and the
 * security groups start as soon as the VPC and subnets exist.
 */
export const gatewaysLayer: Layer<GatewaysData> = {
  name: 'gateways',
  partials: ['internet-gateway', 'nat-gateways', 'default-routes'],
  applies: (model) => defaultRoutedTables(model).length > 0,
  toTemplateData(model) {
    const hasInternet = model.network.groups.some((g) => g.routing === 'internet');
    const publicGroup = model.network.groups.find((g) => g.routing === 'internet');
    const nats = natGatewaysOf(model).map((nat) => {
      const index = publicGroup!.subnets.findIndex((s) => s.logicalId === nat.subnet);
      return { ...nat, subnet: selectFrom(index, `${publicGroup!.id}SubnetIds`) };
    });
    const tables = defaultRoutedTables(model);
    const resources: Record<string, string> = {};
    if (hasInternet)
      Object.assign(resources, {
        InternetGateway: 'network.subnets',
        InternetGatewayAttachment: 'network.subnets',
      });
    for (const nat of nats)
      Object.assign(resources, {
        [nat.logicalId]: 'network.natGateways',
        [nat.eipLogicalId]: 'network.natGateways',
      });
    for (const table of tables) resources[table.defaultRoute!.logicalId] = table.source;
    return {
      layer: 'gateways',
      description: `${model.name} gateways: ${hasInternet ? 'internet gateway, ' : ''}NAT ${model.network.natGateways}, default routes`,
      parameters: parametersOf(model, hasInternet, nats.length > 0),
      outputs: [
        ...(hasInternet
          ? [
              {
                name: 'InternetGatewayId',
                value: ref('InternetGateway'),
                description: 'The internet gateway, attached to the VPC',
              },
            ]
          : []),
      ],
      resources,
      tags: model.tags,
      internetGateway: hasInternet ? { tags: withName(model, `${model.name}-igw`) } : undefined,
      natGateways: nats,
      routes: tables.map((t) => ({
        logicalId: t.defaultRoute!.logicalId,
        routeTableParam: `${t.logicalId}Id`,
        gateway: t.defaultRoute!.gateway,
        natGateway: t.defaultRoute!.natGateway,
      })),
    };
  },
};
