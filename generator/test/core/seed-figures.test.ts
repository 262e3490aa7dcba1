import { generateText, SEED_TEXT } from './helpers';
import type { CfnTemplate } from '../../src/cfn/yaml';

// Every figure of the reference architecture must reach the templates.
const { templates, manifest } = generateText(SEED_TEXT);
const t = (layer: string): CfnTemplate => templates.get(`${layer}.yaml`)!;
// The assertions reach deep into parsed CloudFormation properties and compare whole shapes, so a
// declared type would restate each resource's schema for no extra safety.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Properties = Record<string, any>;
const props = (layer: string, id: string): Properties => t(layer).Resources[id]?.Properties ?? {};
const outputOf = (layer: string, name: string): unknown => t(layer).Outputs?.[name]?.Value;
const ofType = (layer: string, type: string) =>
  Object.entries(t(layer).Resources).filter(([, r]) => r.Type === type);

describe('network', () => {
  it('is a /16 VPC over us-east-1a and us-east-1b with the reference subnets', () => {
    expect(props('network', 'Vpc').CidrBlock).toBe('10.0.0.0/16');
    const subnets = Object.fromEntries(
      ofType('network', 'AWS::EC2::Subnet').map(([id, r]) => [
        id,
        [r.Properties!.CidrBlock, r.Properties!.AvailabilityZone],
      ]),
    );
    expect(subnets).toEqual({
      PublicSubnetA: ['10.0.1.0/24', 'us-east-1a'],
      PublicSubnetB: ['10.0.2.0/24', 'us-east-1b'],
      PrivateSubnetA: ['10.0.11.0/24', 'us-east-1a'],
      PrivateSubnetB: ['10.0.12.0/24', 'us-east-1b'],
      DatabaseSubnetA: ['10.0.21.0/24', 'us-east-1a'],
      DatabaseSubnetB: ['10.0.22.0/24', 'us-east-1b'],
    });
  });

  it("has an internet gateway, a NAT gateway per zone, and per-zone private and database route tables to that zone's NAT", () => {
    // The gateways and default routes are their own stack (gateways), fed the network's ids.
    expect(ofType('gateways', 'AWS::EC2::InternetGateway')).toHaveLength(1);
    expect(
      ofType('gateways', 'AWS::EC2::NatGateway').map(([id, r]) => [id, r.Properties!.SubnetId]),
    ).toEqual([
      ['NatGatewayA', { 'Fn::Select': [0, { Ref: 'PublicSubnetIds' }] }],
      ['NatGatewayB', { 'Fn::Select': [1, { Ref: 'PublicSubnetIds' }] }],
    ]);
    expect(outputOf('network', 'PublicSubnetIds')).toEqual({
      'Fn::Join': [',', [{ Ref: 'PublicSubnetA' }, { Ref: 'PublicSubnetB' }]],
    });
    expect(props('gateways', 'PublicDefaultRoute')).toMatchObject({
      RouteTableId: { Ref: 'PublicRouteTableId' },
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: { Ref: 'InternetGateway' },
    });
    expect(outputOf('network', 'PublicRouteTableId')).toEqual({ Ref: 'PublicRouteTable' });
    for (const group of ['Private', 'Database']) {
      for (const zone of ['A', 'B']) {
        expect(props('gateways', `${group}DefaultRoute${zone}`)).toMatchObject({
          RouteTableId: { Ref: `${group}RouteTable${zone}Id` },
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: { Ref: `NatGateway${zone}` },
        });
        expect(outputOf('network', `${group}RouteTable${zone}Id`)).toEqual({
          Ref: `${group}RouteTable${zone}`,
        });
        expect(props('network', `${group}Subnet${zone}RouteTableAssociation`)).toEqual({
          RouteTableId: { Ref: `${group}RouteTable${zone}` },
          SubnetId: { Ref: `${group}Subnet${zone}` },
        });
      }
    }
  });
});

describe('security', () => {
  const rules = () =>
    Object.fromEntries(
      ofType('security', 'AWS::EC2::SecurityGroupIngress').map(([id, r]) => [
        id,
        r.Properties as Properties,
      ]),
    );

  it('opens exactly the reference ports, SSH never to the world', () => {
    const summary = Object.values(rules()).map((p) => [
      p.GroupId['Fn::GetAtt'][0],
      p.FromPort,
      p.CidrIp ?? p.SourceSecurityGroupId['Fn::GetAtt'][0],
    ]);
    expect(summary).toEqual([
      ['AlbSecurityGroup', 80, '0.0.0.0/0'],
      ['AlbSecurityGroup', 443, '0.0.0.0/0'],
      ['FrontendSecurityGroup', 5000, 'AlbSecurityGroup'],
      ['FrontendSecurityGroup', 22, '203.0.113.0/24'],
      ['BackendSecurityGroup', 5001, 'FrontendSecurityGroup'],
      ['BackendSecurityGroup', 22, '10.0.1.0/24'],
      ['BackendSecurityGroup', 22, '10.0.2.0/24'],
      ['DatabaseSecurityGroup', 3306, 'BackendSecurityGroup'],
    ]);
  });

  it('gives every tier a role with the reference permissions and Session Manager', () => {
    for (const tier of ['Frontend', 'Backend']) {
      const role = props('identity', `${tier}InstanceRole`);
      const actions = role.Policies[0].PolicyDocument.Statement.flatMap(
        (s: { Action: string[] }) => s.Action,
      );
      expect(actions).toEqual([
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'cloudwatch:PutMetricData',
        'ec2:DescribeVolumes',
        'ec2:DescribeTags',
      ]);
      expect(role.ManagedPolicyArns).toEqual([
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore' },
      ]);
      expect(props('identity', `${tier}InstanceProfile`).Roles).toEqual([
        { Ref: `${tier}InstanceRole` },
      ]);
    }
  });
});

describe('compute', () => {
  it('runs 2 t3.micro frontends in the public subnets and 2 backends in the private ones, one per zone', () => {
    const instances = ofType('compute', 'AWS::EC2::Instance').map(([id, r]) => [
      id,
      r.Properties!.SubnetId,
    ]);
    expect(instances).toEqual([
      ['FrontendInstance1', { 'Fn::Select': [0, { Ref: 'PublicSubnetIds' }] }],
      ['FrontendInstance2', { 'Fn::Select': [1, { Ref: 'PublicSubnetIds' }] }],
      ['BackendInstance1', { 'Fn::Select': [0, { Ref: 'PrivateSubnetIds' }] }],
      ['BackendInstance2', { 'Fn::Select': [1, { Ref: 'PrivateSubnetIds' }] }],
    ]);
    for (const tier of ['Frontend', 'Backend']) {
      const data = props('compute', `${tier}LaunchTemplate`).LaunchTemplateData;
      expect(data.InstanceType).toBe('t3.micro');
      expect(data.MetadataOptions.HttpTokens).toBe('required');
      expect(data.BlockDeviceMappings[0].Ebs.Encrypted).toBe(true);
    }
  });

  it('starts each app on its port with the environment it needs', () => {
    const userData = (tier: string): string =>
      props('compute', `${tier}LaunchTemplate`).LaunchTemplateData.UserData['Fn::Base64'][
        'Fn::Sub'
      ];
    expect(userData('Frontend')).toContain('Environment="PORT=5000"');
    expect(userData('Frontend')).toContain(
      'Environment="BACKEND_URLS=http://${BackendInstance1.PrivateIp}:5001,http://${BackendInstance2.PrivateIp}:5001"',
    );
    expect(userData('Backend')).toContain('Environment="PORT=5001"');
    for (const v of [
      'DB_HOST=${DatabaseEndpoint}',
      'DB_PORT=${DatabasePort}',
      'DB_NAME=${DatabaseName}',
      'DB_USER=${DatabaseUsername}',
      'DB_SECRET_ARN=${DatabaseSecretArn}',
    ]) {
      expect(userData('Backend')).toContain(`Environment="${v}"`);
    }
    expect(userData('Backend')).toContain('/var/log/user-data.log');
  });

  it('lets only the backend read the database secret', () => {
    expect(props('compute', 'BackendDatabaseSecretAccess').PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: { Ref: 'DatabaseSecretArn' },
      },
    ]);
    expect(t('compute').Resources.FrontendDatabaseSecretAccess).toBeUndefined();
  });
});

describe('database', () => {
  it('is MySQL 8.0 on db.t3.micro, 20 GB gp3 encrypted, 7-day backups, single-AZ, private, managed password', () => {
    expect(props('database', 'Database')).toMatchObject({
      Engine: 'mysql',
      EngineVersion: '8.0.43',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: '20',
      StorageType: 'gp3',
      StorageEncrypted: true,
      BackupRetentionPeriod: 7,
      MultiAZ: false,
      DBName: 'appdb',
      MasterUsername: 'admin',
      ManageMasterUserPassword: true,
      PubliclyAccessible: false,
      DeletionProtection: true,
    });
    expect(props('database', 'Database').MasterUserPassword).toBeUndefined();
    expect(t('database').Resources.Database.DeletionPolicy).toBe('Snapshot');
  });
});

describe('load balancer', () => {
  it('is internet-facing in the public subnets, HTTP 80 to the frontends on 5000, with the reference health check', () => {
    expect(props('load-balancer', 'LoadBalancer')).toMatchObject({
      Scheme: 'internet-facing',
      Subnets: { Ref: 'PublicSubnetIds' },
    });
    expect(props('load-balancer', 'HttpListener80')).toMatchObject({ Port: 80, Protocol: 'HTTP' });
    // The frontend tier attaches itself: every path of listener 80 forwards to its target group.
    expect(props('compute', 'HttpListener80Rule')).toMatchObject({
      ListenerArn: { Ref: 'HttpListener80Arn' },
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'FrontendTargetGroup' } }],
    });
    expect(outputOf('load-balancer', 'HttpListener80Arn')).toEqual({ Ref: 'HttpListener80' });
    expect(props('compute', 'FrontendTargetGroup').Targets).toEqual([
      { Id: { Ref: 'FrontendInstance1' }, Port: 5000 },
      { Id: { Ref: 'FrontendInstance2' }, Port: 5000 },
    ]);
    expect(props('compute', 'FrontendTargetGroup')).toMatchObject({
      Protocol: 'HTTP',
      Port: 5000,
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
    });
  });
});

describe('manifest', () => {
  it('orders the stacks and says where every parameter comes from', () => {
    expect(manifest.stacks.map((s) => [s.stackName, s.dependsOn])).toEqual([
      ['portfolio-network', []],
      ['portfolio-identity', []],
      ['portfolio-security', ['network']],
      ['portfolio-gateways', ['network']],
      ['portfolio-database', ['network', 'security']],
      ['portfolio-load-balancer', ['network', 'security', 'gateways']],
      [
        'portfolio-compute',
        ['network', 'identity', 'security', 'gateways', 'database', 'load-balancer'],
      ],
    ]);
    const compute = manifest.stacks.find((s) => s.layer === 'compute')!;
    expect(compute.parameters.DatabaseSecretArn).toEqual({
      from: 'output',
      layer: 'database',
      output: 'DatabaseSecretArn',
    });
    expect(compute.parameters.FrontendArtifactKey).toEqual({
      from: 'artifact-key',
      app: 'frontend',
    });
    expect(compute.parameters.ImageIdX86).toBeUndefined();
    // Every parameter without a default has a source, and every output-sourced one is produced upstream.
    for (const stack of manifest.stacks) {
      const template = templates.get(stack.template)!;
      for (const [name, p] of Object.entries(template.Parameters ?? {})) {
        if (p.Default === undefined) expect(stack.parameters[name]).toBeDefined();
      }
      for (const source of Object.values(stack.parameters)) {
        if (source.from === 'output') {
          expect(stack.dependsOn).toContain(source.layer);
          expect(manifest.stacks.find((s) => s.layer === source.layer)!.outputs).toContain(
            source.output,
          );
        }
      }
    }
  });

  it('maps resources back to the topology', () => {
    expect(manifest.stacks[0].resources.PrivateSubnetB).toBe('network.subnets.private.cidrs[1]');
  });
});
