#!/usr/bin/env node
'use strict';
// The seed topology's architecture written as an AWS CDK app, the anchor `npm run bench` times
// `strata generate` against: a VPC over ZONES zones with public, private and database subnets and a NAT
// gateway per zone, an ALB security group and a security group per tier, one instance role, PAIRS
// frontend+backend tier pairs of two instances each, RDS MySQL and an internet-facing ALB in front of
// the first frontend tier. `CDK_VALIDATION=false` synthesises without CDK's template validation.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const iam = require('aws-cdk-lib/aws-iam');
const rds = require('aws-cdk-lib/aws-rds');
const elbv2 = require('aws-cdk-lib/aws-elasticloadbalancingv2');
const targets = require('aws-cdk-lib/aws-elasticloadbalancingv2-targets');

const zones = Number(process.env.ZONES ?? 2);
const pairs = Number(process.env.PAIRS ?? 1);
const outdir = mkdtempSync(join(tmpdir(), 'strata-bench-cdk-'));

const app = new cdk.App({ outdir });
const stack = new cdk.Stack(app, 'Portfolio');
cdk.Tags.of(stack).add('Project', 'portfolio');
cdk.Tags.of(stack).add('ManagedBy', 'strata-bench');

const vpc = new ec2.Vpc(stack, 'Vpc', {
  ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
  availabilityZones: Array.from({ length: zones }, (_, i) => `us-east-1${'abcdef'[i]}`),
  natGateways: zones,
  subnetConfiguration: [
    { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
    { name: 'database', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
  ],
});

const group = (id, description) =>
  new ec2.SecurityGroup(stack, id, { vpc, description, allowAllOutbound: true });
const alb = group('AlbSg', 'Internet-facing load balancer');
alb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from anywhere');
alb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from anywhere');
const database = group('DatabaseSg', 'MySQL database');

const role = new iam.Role(stack, 'InstanceRole', {
  assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
});
role.addToPolicy(
  new iam.PolicyStatement({
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [
      `arn:${cdk.Aws.PARTITION}:logs:${cdk.Aws.REGION}:${cdk.Aws.ACCOUNT_ID}:log-group:*`,
    ],
  }),
);
role.addToPolicy(
  new iam.PolicyStatement({
    actions: ['cloudwatch:PutMetricData', 'ec2:DescribeVolumes', 'ec2:DescribeTags'],
    resources: ['*'],
  }),
);

const db = new rds.DatabaseInstance(stack, 'Database', {
  engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.of('8.0.43', '8.0') }),
  instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
  vpc,
  vpcSubnets: { subnetGroupName: 'database' },
  securityGroups: [database],
  credentials: rds.Credentials.fromGeneratedSecret('admin'),
  databaseName: 'appdb',
  allocatedStorage: 20,
  storageType: rds.StorageType.GP3,
  storageEncrypted: true,
  backupRetention: cdk.Duration.days(7),
  multiAz: false,
});

const image = ec2.MachineImage.latestAmazonLinux2023();
const instances = (tier, subnetGroupName, securityGroup, environment) =>
  [0, 1].map((i) => {
    const userData = ec2.UserData.forLinux();
    userData.addCommands(
      ...Object.entries(environment).map(([k, v]) => `echo "${k}=${v}" >> /etc/${tier}.env`),
      `systemctl enable --now ${tier}`,
    );
    return new ec2.Instance(stack, `${tier}-${i}`, {
      vpc,
      vpcSubnets: { subnetGroupName },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: image,
      securityGroup,
      role,
      userData,
    });
  });

let firstFrontend;
for (let p = 0; p < pairs; p++) {
  const suffix = p === 0 ? '' : `-${p}`;
  const frontendSg = group(`Frontend${suffix}Sg`, 'Frontend web servers');
  frontendSg.addIngressRule(alb, ec2.Port.tcp(5000), 'App traffic from the load balancer');
  frontendSg.addIngressRule(
    ec2.Peer.ipv4('203.0.113.0/24'),
    ec2.Port.tcp(22),
    'SSH from the admin network',
  );
  const backendSg = group(`Backend${suffix}Sg`, 'Backend API servers');
  backendSg.addIngressRule(frontendSg, ec2.Port.tcp(5001), 'API traffic from the frontend');
  database.addIngressRule(backendSg, ec2.Port.tcp(3306), 'MySQL from the backend');
  const backends = instances(`backend${suffix}`, 'private', backendSg, {
    DB_HOST: db.dbInstanceEndpointAddress,
    DB_PORT: db.dbInstanceEndpointPort,
    DB_NAME: 'appdb',
    DB_SECRET_ARN: db.secret.secretArn,
  });
  const frontends = instances(`frontend${suffix}`, 'public', frontendSg, {
    BACKEND_URLS: backends.map((b) => `http://${b.instancePrivateIp}:5001`).join(','),
  });
  firstFrontend ??= frontends;
}

const lb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', {
  vpc,
  internetFacing: true,
  securityGroup: alb,
  vpcSubnets: { subnetGroupName: 'public' },
});
lb.addListener('Http', {
  port: 80,
  protocol: elbv2.ApplicationProtocol.HTTP,
  open: false,
}).addTargets('Frontend', {
  port: 5000,
  protocol: elbv2.ApplicationProtocol.HTTP,
  targets: firstFrontend.map((i) => new targets.InstanceTarget(i, 5000)),
  healthCheck: {
    path: '/health',
    interval: cdk.Duration.seconds(30),
    timeout: cdk.Duration.seconds(5),
    healthyThresholdCount: 2,
    unhealthyThresholdCount: 2,
  },
});

const assembly = app.synth({ skipValidation: process.env.CDK_VALIDATION === 'false' });
const template = assembly.getStackByName('Portfolio').template;
// The bench counts resources from this line, as it counts strata's from out/.
process.stdout.write(`resources=${Object.keys(template.Resources).length}\n`);
rmSync(outdir, { recursive: true, force: true });
