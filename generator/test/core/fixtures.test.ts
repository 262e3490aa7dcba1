import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnTemplate } from '../../src/cfn/yaml';
import { generateText, SEED_TEXT, userDataOf } from './helpers';

const fixture = (name: string) =>
  generateText(
    readFileSync(join(__dirname, '../fixtures', name, 'topology.yaml'), 'utf8'),
    `generator/test/fixtures/${name}/topology.yaml`,
  );
const resources = (t: CfnTemplate | undefined, type: string) =>
  Object.entries(t?.Resources ?? {})
    .filter(([, r]) => r.Type === type)
    .map(([id, r]): Record<string, unknown> & { id: string } => ({ id, ...r.Properties }));

describe('three zones', () => {
  const { templates, manifest } = fixture('three-zones');
  const network = templates.get('network.yaml')!;

  it('has a subnet, NAT gateway and route table per zone', () => {
    expect(resources(network, 'AWS::EC2::Subnet').map((s) => s.id)).toEqual([
      'PublicSubnetA',
      'PublicSubnetB',
      'PublicSubnetC',
      'AppSubnetA',
      'AppSubnetB',
      'AppSubnetC',
      'DataSubnetA',
      'DataSubnetB',
      'DataSubnetC',
    ]);
    const gateways = templates.get('gateways.yaml')!;
    expect(resources(gateways, 'AWS::EC2::NatGateway').map((n) => n.id)).toEqual([
      'NatGatewayA',
      'NatGatewayB',
      'NatGatewayC',
    ]);
    expect(
      resources(gateways, 'AWS::EC2::Route').map((r) => [r.id, r.NatGatewayId ?? r.GatewayId]),
    ).toEqual([
      ['PublicDefaultRoute', { Ref: 'InternetGateway' }],
      ['AppDefaultRouteA', { Ref: 'NatGatewayA' }],
      ['AppDefaultRouteB', { Ref: 'NatGatewayB' }],
      ['AppDefaultRouteC', { Ref: 'NatGatewayC' }],
    ]);
  });

  it('spreads three instances over three zones and serves HTTPS with a TLS 1.3 policy', () => {
    expect(
      resources(templates.get('compute.yaml'), 'AWS::EC2::Instance').map(
        (i) => (i.SubnetId as { 'Fn::Select': unknown[] })['Fn::Select'][0],
      ),
    ).toEqual([0, 1, 2]);
    expect(
      resources(templates.get('load-balancer.yaml'), 'AWS::ElasticLoadBalancingV2::Listener')[0],
    ).toMatchObject({
      id: 'HttpsListener443',
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    });
    expect(templates.get('load-balancer.yaml')!.Outputs!.SiteUrl.Value).toEqual({
      'Fn::Sub': 'https://${LoadBalancer.DNSName}',
    });
  });

  it('keeps the isolated database subnets without a default route, and the database multi-AZ', () => {
    expect(network.Resources.DataRouteTableA).toBeDefined();
    expect(templates.get('gateways.yaml')!.Resources.DataDefaultRouteA).toBeUndefined();
    expect(templates.get('database.yaml')!.Resources.Database.Properties!.MultiAZ).toBe(true);
    expect(manifest.stacks.map((s) => s.layer)).toEqual([
      'network',
      'identity',
      'security',
      'gateways',
      'database',
      'load-balancer',
      'compute',
    ]);
  });
});

describe('single NAT gateway', () => {
  const { templates, manifest } = fixture('single-nat');
  const gateways = templates.get('gateways.yaml')!;

  it('routes every zone through the one NAT gateway in the first zone', () => {
    expect(resources(gateways, 'AWS::EC2::NatGateway').map((n) => [n.id, n.SubnetId])).toEqual([
      ['NatGatewayA', { 'Fn::Select': [0, { Ref: 'PublicSubnetIds' }] }],
    ]);
    expect(gateways.Resources.PrivateDefaultRouteB.Properties!.NatGatewayId).toEqual({
      Ref: 'NatGatewayA',
    });
  });

  it('expands a subnet-group source into one rule per subnet, and has no database or load balancer stack', () => {
    expect(
      resources(templates.get('security.yaml'), 'AWS::EC2::SecurityGroupIngress').map((r) => [
        r.id,
        r.CidrIp,
      ]),
    ).toEqual([
      ['ApiFromPublicSubnetAPort5001', '172.16.0.0/24'],
      ['ApiFromPublicSubnetBPort5001', '172.16.1.0/24'],
    ]);
    expect(manifest.stacks.map((s) => s.layer)).toEqual([
      'network',
      'identity',
      'security',
      'gateways',
      'compute',
    ]);
    expect(manifest.outputs).toEqual({});
  });
});

describe('no NAT', () => {
  const { templates, warnings } = fixture('no-nat');

  it('warns that isolated instances cannot fetch their app', () => {
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['reach/no-egress', 'tiers.worker.subnets'],
    ]);
  });
  const network = templates.get('network.yaml')!;

  it('has neither internet gateway nor NAT gateways nor default routes', () => {
    expect(templates.has('gateways.yaml')).toBe(false);
    for (const type of [
      'AWS::EC2::InternetGateway',
      'AWS::EC2::NatGateway',
      'AWS::EC2::EIP',
      'AWS::EC2::Route',
    ]) {
      expect(resources(network, type)).toEqual([]);
    }
  });

  it('blocks all egress when asked and picks the arm64 image for Graviton', () => {
    const sg = templates.get('security.yaml')!.Resources.WorkerSecurityGroup.Properties!;
    expect(sg.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '255.255.255.255/32', IpProtocol: 'icmp' }),
    ]);
    const compute = templates.get('compute.yaml')!;
    expect(Object.keys(compute.Parameters!)).toContain('ImageIdArm64');
    expect(Object.keys(compute.Parameters!)).not.toContain('ImageIdX86');
  });
});

describe('an extra tier', () => {
  const seed = generateText(SEED_TEXT);
  const { templates } = fixture('extra-tier');

  it("adds resources without renaming or changing the seed's own, apart from what references the new tier", () => {
    for (const [file, before] of seed.templates) {
      const after = templates.get(file)!;
      const kept = Object.keys(before.Resources).filter((id) => id in after.Resources);
      expect(kept).toEqual(Object.keys(before.Resources));
    }
    expect(
      Object.keys(templates.get('compute.yaml')!.Resources).filter(
        (id) => !(id in seed.templates.get('compute.yaml')!.Resources),
      ),
    ).toEqual(['AdminArtifactAccess', 'AdminLaunchTemplate', 'AdminInstance1']);
    expect(templates.get('security.yaml')!.Resources.BackendFromAdminPort5001).toBeDefined();
  });

  it('carries a hostile literal into the unit file as data', () => {
    const userData = userDataOf({ templates }, 'AdminLaunchTemplate');
    expect(userData).toContain(
      `Environment="SITE_TITLE=Admin: 'portfolio' \\"console\\" 100%% \${!HOME} {{x}}"`,
    );
  });
});
