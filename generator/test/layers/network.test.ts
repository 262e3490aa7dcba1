import { gatewaysLayer } from '../../src/layers/gateways';
import { networkLayer } from '../../src/layers/network';
import { model } from './builders';

const topology = (natGateways: 'per-az' | 'single' | 'none') => {
  const routing = natGateways === 'none' ? 'isolated' : 'nat';
  return model({
    network: {
      cidr: '10.1.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      natGateways,
      subnets: {
        public: { routing: 'internet', cidrs: ['10.1.1.0/24', '10.1.2.0/24'] },
        private: { routing, cidrs: ['10.1.11.0/24', '10.1.12.0/24'] },
      },
    },
  });
};
const network = (nat: 'per-az' | 'single' | 'none') => networkLayer.toTemplateData(topology(nat));
// The NAT gateways and default routes are the gateways layer's (their own stack).
const gateways = (nat: 'per-az' | 'single' | 'none') => gatewaysLayer.toTemplateData(topology(nat));

describe('network layer', () => {
  it('names one subnet per group and zone, public ones first, each traced to its CIDR', () => {
    const data = network('per-az');
    expect(data.subnets.map((s) => [s.logicalId, s.zone, s.cidr, s.public])).toEqual([
      ['PublicSubnetA', 'eu-west-1a', '10.1.1.0/24', true],
      ['PublicSubnetB', 'eu-west-1b', '10.1.2.0/24', true],
      ['PrivateSubnetA', 'eu-west-1a', '10.1.11.0/24', false],
      ['PrivateSubnetB', 'eu-west-1b', '10.1.12.0/24', false],
    ]);
    expect(data.resources.PrivateSubnetB).toBe('network.subnets.private.cidrs[1]');
  });

  it('gives each private zone its own route table through its own NAT gateway', () => {
    const data = network('per-az');
    expect(gateways('per-az').natGateways.map((n) => [n.logicalId, n.subnet])).toEqual([
      ['NatGatewayA', '!Select [0, !Ref PublicSubnetIds]'],
      ['NatGatewayB', '!Select [1, !Ref PublicSubnetIds]'],
    ]);
    expect(gateways('per-az').routes.map((r) => [r.logicalId, r.routeTableParam])).toEqual([
      ['PublicDefaultRoute', 'PublicRouteTableId'],
      ['PrivateDefaultRouteA', 'PrivateRouteTableAId'],
      ['PrivateDefaultRouteB', 'PrivateRouteTableBId'],
    ]);
    expect(data.routeTables.map((t) => [t.logicalId, t.defaultRoute])).toEqual([
      ['PublicRouteTable', { logicalId: 'PublicDefaultRoute', gateway: 'InternetGateway' }],
      ['PrivateRouteTableA', { logicalId: 'PrivateDefaultRouteA', natGateway: 'NatGatewayA' }],
      ['PrivateRouteTableB', { logicalId: 'PrivateDefaultRouteB', natGateway: 'NatGatewayB' }],
    ]);
  });

  it('routes every zone through the first NAT gateway when there is a single one', () => {
    const data = network('single');
    expect(gateways('single').natGateways.map((n) => n.logicalId)).toEqual(['NatGatewayA']);
    expect(data.routeTables.map((t) => t.defaultRoute?.natGateway)).toEqual([
      undefined,
      'NatGatewayA',
      'NatGatewayA',
    ]);
  });

  it('leaves isolated subnets without a default route when there is no NAT gateway', () => {
    const data = network('none');
    expect(gateways('none').natGateways).toEqual([]);
    expect(data.routeTables.slice(1).map((t) => t.defaultRoute)).toEqual([undefined, undefined]);
    expect(Object.keys(data.resources)).not.toContain('NatGatewayA');
  });

  it('offers the VPC and each group of subnets, in zone order, as outputs', () => {
    const data = network('per-az');
    expect(data.parameters).toEqual([]);
    expect(data.outputs.map((o) => [o.name, o.value])).toEqual([
      ['VpcId', '!Ref Vpc'],
      ['VpcCidr', '!GetAtt Vpc.CidrBlock'],
      ['PublicSubnetIds', "!Join [',', [!Ref PublicSubnetA, !Ref PublicSubnetB]]"],
      ['PrivateSubnetIds', "!Join [',', [!Ref PrivateSubnetA, !Ref PrivateSubnetB]]"],
      ['PublicRouteTableId', '!Ref PublicRouteTable'],
      ['PrivateRouteTableAId', '!Ref PrivateRouteTableA'],
      ['PrivateRouteTableBId', '!Ref PrivateRouteTableB'],
    ]);
  });

  it('tags each resource with its own Name before the topology tags', () => {
    expect(network('per-az').vpc.tags).toEqual([
      { key: 'Name', value: 'shop-vpc' },
      { key: 'Team', value: 'web' },
    ]);
  });
});
