import { literal, resources } from '../cfn/stack-set';
import { priceAutoScalingGroup, priceInstance, priceVolume } from './pricers-compute';
import type { Charge, PriceContext, Pricer } from './types';

type Props = Record<string, unknown>;
const props = (ctx: PriceContext): Props => ctx.resource.Properties ?? {};
const value = (ctx: PriceContext, v: unknown) => literal(ctx.set.resolve(ctx.layer, v));
const monthly = (item: string, price: string, quantity = 1): Charge => ({
  item,
  quantity,
  unit: 'months',
  price,
});

/** Log groups RDS creates for each exported log type count as log sources too. */
export function rdsLogExports(p: Props): string[] {
  return Array.isArray(p.EnableCloudwatchLogsExports)
    ? p.EnableCloudwatchLogsExports.map(String)
    : [];
}

/** Ingestion and storage of one log source's share of the assumed log volume. */
function logShare(ctx: PriceContext, what: string, sources = 1): Charge[] {
  const share = sources / Math.max(1, ctx.shares.logSources);
  const { logIngestionGB, logStorageGB } = ctx.assumptions;
  return [
    {
      item: `${what}: ${round(logIngestionGB * share)} GB ingested`,
      quantity: logIngestionGB * share,
      unit: 'GB',
      price: 'cloudwatch.logsIngestGb',
      allowance: 'cloudwatchLogs',
    },
    {
      item: `${what}: ${round(logStorageGB * share)} GB stored`,
      quantity: logStorageGB * share,
      unit: 'GB-months',
      price: 'cloudwatch.logsStorageGbMonth',
      allowance: 'cloudwatchLogs',
    },
  ];
}

const round = (n: number) => Math.round(n * 100) / 100;

const priceDatabase: Pricer = (ctx) => {
  const p = props(ctx);
  const cls = String(value(ctx, p.DBInstanceClass));
  const multiAz = value(ctx, p.MultiAZ) === true;
  const size = Number(value(ctx, p.AllocatedStorage) ?? 20);
  const storage = String(value(ctx, p.StorageType) ?? 'gp2');
  const charges: Charge[] = [
    {
      item: `${cls}${multiAz ? ' Multi-AZ (primary + standby)' : ' Single-AZ'}`,
      quantity: ctx.hours,
      unit: 'instance-hours',
      price: `rds.${multiAz ? 'mysqlMultiAzHourly' : 'mysqlSingleAzHourly'}.${cls}`,
    },
    {
      item: `${size} GiB ${storage} storage${multiAz ? ' (×2, Multi-AZ)' : ''}`,
      quantity: size,
      unit: 'GB-months',
      price: `rds.${storage}GbMonth`,
      factor: multiAz ? 2 : 1,
    },
  ];
  if (ctx.assumptions.databaseBackupExtraGB > 0)
    charges.push({
      item: `${ctx.assumptions.databaseBackupExtraGB} GB backups beyond the free ${size} GB`,
      quantity: ctx.assumptions.databaseBackupExtraGB,
      unit: 'GB-months',
      price: 'rds.backupGbMonth',
    });
  if (value(ctx, p.ManageMasterUserPassword) === true)
    charges.push(monthly('master password secret (RDS-managed)', 'secretsManager.secretMonth'));
  const exports = rdsLogExports(p);
  if (exports.length) charges.push(...logShare(ctx, `${exports.join('/')} logs`, exports.length));
  return charges;
};

const priceLoadBalancer: Pricer = (ctx) => {
  const p = props(ctx);
  const kind = String(value(ctx, p.Type) ?? 'application') === 'network' ? 'nlb' : 'alb';
  const charges: Charge[] = [
    {
      item: `${kind.toUpperCase()} hours`,
      quantity: ctx.hours,
      unit: 'hours',
      price: `elb.${kind}Hourly`,
    },
    {
      item: `${ctx.assumptions.loadBalancerLcu} LCU average`,
      quantity: ctx.assumptions.loadBalancerLcu * ctx.hours,
      unit: 'LCU-hours',
      price: `elb.${kind}LcuHourly`,
    },
  ];
  if (String(value(ctx, p.Scheme) ?? 'internet-facing') === 'internet-facing') {
    const subnets = ctx.set.resolve(ctx.layer, p.Subnets ?? p.SubnetMappings);
    // One node, and one public address, per zone the load balancer is in.
    const nodes = Math.max(
      1,
      resources(subnets).length || (subnets.kind === 'list' ? subnets.items.length : 1),
    );
    charges.push({
      item: `${nodes} × public IPv4 address (one per zone)`,
      quantity: nodes * ctx.hours,
      unit: 'address-hours',
      price: 'vpc.publicIpv4Hourly',
    });
  }
  return charges;
};

const priceNatGateway: Pricer = (ctx) => {
  const gb = ctx.assumptions.natGatewayDataGB / Math.max(1, ctx.shares.natGateways);
  return [
    {
      item: 'NAT gateway hours',
      quantity: ctx.hours,
      unit: 'hours',
      price: 'vpc.natGatewayHourly',
    },
    { item: `${round(gb)} GB processed`, quantity: gb, unit: 'GB', price: 'vpc.natGatewayGb' },
  ];
};

const priceInternetGateway: Pricer = (ctx) => {
  const gb = ctx.assumptions.internetEgressGB / Math.max(1, ctx.shares.internetGateways);
  return [
    {
      item: `${round(gb)} GB out to the internet`,
      quantity: gb,
      unit: 'GB',
      price: 'dataTransfer.internetOutGb',
      allowance: 'internetEgress',
    },
  ];
};

const priceAlarm: Pricer = (ctx) => {
  const metrics = props(ctx).Metrics;
  const count = Array.isArray(metrics)
    ? Math.max(1, metrics.filter((m) => (m as Props).MetricStat).length)
    : 1;
  return [
    {
      item: `alarm (${count} metric${count === 1 ? '' : 's'})`,
      quantity: count,
      unit: 'alarm-metrics',
      price: 'cloudwatch.alarmMonth',
      allowance: 'alarms',
    },
  ];
};

const priceWebAcl: Pricer = (ctx) => {
  const rules = props(ctx).Rules;
  const count = Array.isArray(rules) ? rules.length : 0;
  return [
    monthly('web ACL', 'waf.webAclMonth'),
    { item: `${count} rules`, quantity: count, unit: 'rule-months', price: 'waf.ruleMonth' },
    {
      item: `${ctx.assumptions.wafRequestsMillions} million requests`,
      quantity: ctx.assumptions.wafRequestsMillions,
      unit: 'million requests',
      price: 'waf.perMillionRequests',
    },
  ];
};

const priceEndpoint: Pricer = (ctx) => {
  const p = props(ctx);
  if (String(value(ctx, p.VpcEndpointType) ?? 'Gateway') !== 'Interface') return [];
  const zones = Math.max(1, resources(ctx.set.resolve(ctx.layer, p.SubnetIds)).length);
  return [
    {
      item: `interface endpoint in ${zones} zones`,
      quantity: zones * ctx.hours,
      unit: 'endpoint-hours',
      price: 'vpc.interfaceEndpointHourlyPerAz',
    },
  ];
};

/** Every resource type strata may render that AWS charges for, with its pricer. */
export const PRICERS: Record<string, Pricer> = {
  'AWS::EC2::Instance': priceInstance,
  'AWS::AutoScaling::AutoScalingGroup': priceAutoScalingGroup,
  'AWS::EC2::Volume': priceVolume,
  'AWS::EC2::NatGateway': priceNatGateway,
  'AWS::EC2::EIP': (ctx) => [
    {
      item: 'public IPv4 address (Elastic IP)',
      quantity: ctx.hours,
      unit: 'address-hours',
      price: 'vpc.publicIpv4Hourly',
    },
  ],
  'AWS::EC2::InternetGateway': priceInternetGateway,
  'AWS::EC2::VPCEndpoint': priceEndpoint,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': priceLoadBalancer,
  'AWS::RDS::DBInstance': priceDatabase,
  'AWS::SecretsManager::Secret': () => [monthly('secret', 'secretsManager.secretMonth')],
  'AWS::KMS::Key': () => [monthly('customer managed key', 'kms.keyMonth')],
  'AWS::CloudWatch::Alarm': priceAlarm,
  'AWS::CloudWatch::Dashboard': () => [
    { ...monthly('dashboard', 'cloudwatch.dashboardMonth'), allowance: 'dashboards' },
  ],
  'AWS::Logs::LogGroup': (ctx) => logShare(ctx, 'log group'),
  'AWS::WAFv2::WebACL': priceWebAcl,
  'AWS::Route53::HostedZone': () => [monthly('hosted zone', 'route53.hostedZoneMonth')],
  'AWS::S3::Bucket': (ctx) => [
    {
      item: `${ctx.assumptions.s3StorageGB} GB stored`,
      quantity: ctx.assumptions.s3StorageGB,
      unit: 'GB-months',
      price: 's3.standardGbMonth',
    },
  ],
};
