import { resource } from './helpers';

/** Resources that satisfy every rule; tests break one thing at a time. */
export const secure = {
  securityGroup: (
    ingress: Record<string, unknown>[] = [
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '203.0.113.0/24' },
    ],
  ) =>
    resource('AWS::EC2::SecurityGroup', {
      GroupDescription: 'app servers',
      VpcId: 'vpc-0123456789abcdef0',
      SecurityGroupIngress: ingress,
    }),
  database: (overrides: Record<string, unknown> = {}) =>
    resource('AWS::RDS::DBInstance', {
      Engine: 'mysql',
      EngineVersion: '8.0.43',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: '20',
      MasterUsername: 'admin',
      ManageMasterUserPassword: true,
      StorageEncrypted: true,
      DeletionProtection: true,
      BackupRetentionPeriod: 7,
      DBSubnetGroupName: 'db-subnets',
      PubliclyAccessible: false,
      ...overrides,
    }),
  launchTemplate: (data: Record<string, unknown> = {}) =>
    resource('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: {
        ImageId: 'ami-0123456789abcdef0',
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 8, VolumeType: 'gp3' } },
        ],
        ...data,
      },
    }),
  instance: (overrides: Record<string, unknown> = {}) =>
    resource('AWS::EC2::Instance', {
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 't3.micro',
      MetadataOptions: { HttpTokens: 'required' },
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 8 } }],
      ...overrides,
    }),
  role: (statements: Record<string, unknown>[]) =>
    resource('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      Policies: [
        { PolicyName: 'app', PolicyDocument: { Version: '2012-10-17', Statement: statements } },
      ],
    }),
  bucket: (overrides: Record<string, unknown> = {}) =>
    resource('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      ...overrides,
    }),
  listener: (Protocol: string, extra: Record<string, unknown> = {}) =>
    resource('AWS::ElasticLoadBalancingV2::Listener', {
      LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1',
      Port: Protocol === 'HTTPS' ? 443 : 80,
      Protocol,
      ...(Protocol === 'HTTPS' ? { SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' } : {}),
      DefaultActions: [
        {
          Type: 'forward',
          TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1',
        },
      ],
      ...extra,
    }),
  logGroup: (overrides: Record<string, unknown> = {}) =>
    resource('AWS::Logs::LogGroup', { RetentionInDays: 30, ...overrides }),
  alarm: (overrides: Record<string, unknown> = {}) =>
    resource('AWS::CloudWatch::Alarm', {
      AlarmActions: ['arn:aws:sns:us-east-1:123456789012:alarms'],
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Statistic: 'Average',
      Period: 300,
      EvaluationPeriods: 3,
      Threshold: 80,
      ComparisonOperator: 'GreaterThanThreshold',
      ...overrides,
    }),
  webAcl: () =>
    resource('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: {
        SampledRequestsEnabled: true,
        CloudWatchMetricsEnabled: true,
        MetricName: 'Acl',
      },
    }),
  wafLogging: (acl: string) =>
    resource('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [acl, 'Arn'] },
      LogDestinationConfigs: ['arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-x'],
    }),
};
