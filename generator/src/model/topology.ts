import type { CostSettings } from './cost-settings';

/**
 * The normalised topology: every default applied, every name resolved, every logical id decided.
 * Layers read only this; Handlebars never sees the raw spec.
 */

/** An availability zone and the letter its resources are suffixed with (`PublicSubnetA`). */
export interface Zone {
  name: string;
  index: number;
  letter: string;
}

/** One subnet of a group, in one zone. */
export interface Subnet {
  logicalId: string;
  zone: Zone;
  cidr: string;
  /** Topology path of its CIDR, for locating lint findings. */
  source: string;
}

/** How a subnet group reaches the internet. */
export type Routing = 'internet' | 'nat' | 'isolated';

/** A subnet group: one subnet per zone. */
export interface SubnetGroup {
  name: string;
  /** PascalCase name used in logical ids and output names. */
  id: string;
  routing: Routing;
  subnets: Subnet[];
  source: string;
}

/** The VPC and its subnets. */
export interface Network {
  cidr: string;
  zones: Zone[];
  natGateways: 'per-az' | 'single' | 'none';
  groups: SubnetGroup[];
  source: string;
}

/** Where an ingress rule lets traffic in from. */
export type RuleSource =
  | { kind: 'cidr'; cidr: string }
  | { kind: 'group'; group: string; groupId: string }
  | { kind: 'subnet'; group: string; subnet: Subnet };

/** One ingress rule, with subnet-group sources already expanded to one rule per subnet. */
export interface IngressRule {
  logicalId: string;
  protocol: 'tcp' | 'udp';
  fromPort: number;
  toPort: number;
  source: RuleSource;
  description: string;
  sourcePath: string;
}

/** A security group and its rules. */
export interface SecurityGroup {
  name: string;
  /** e.g. `FrontendSecurityGroup`. */
  logicalId: string;
  description: string;
  ingress: IngressRule[];
  egress: 'all' | 'none';
  source: string;
}

/** An IAM statement granted to every tier's role. */
export interface PolicyStatement {
  actions: string[];
  resources: string[];
}

/** A reference from an app's environment to a value known only at deploy time. */
export type EnvRef =
  | { kind: 'database'; attribute: 'endpoint' | 'port' | 'name' | 'username' | 'secretArn' }
  | { kind: 'tier'; tier: string; attribute: 'urls' | 'addresses' | 'url' };

/** One environment variable of an app. */
export interface EnvVar {
  name: string;
  value: { kind: 'literal'; text: string } | { kind: 'ref'; ref: EnvRef };
}

/** One EC2 instance of a tier. */
export interface Instance {
  logicalId: string;
  /** 1-based, as in `FrontendInstance1`. */
  number: number;
  zone: Zone;
  /** Index of its subnet within the tier's subnet group. */
  subnetIndex: number;
}

/** A tier: identical instances running one app. */
export interface Tier {
  name: string;
  /** PascalCase, e.g. `Frontend`. */
  id: string;
  app: string;
  appId: string;
  instanceType: string;
  port: number;
  subnetGroup: string;
  securityGroup: string;
  volumeSizeGiB: number;
  environment: EnvVar[];
  /** The fixed instances; empty when the tier is auto-scaled. */
  instances: Instance[];
  /** Set instead of `instances` for a tier run by an Auto Scaling group. */
  autoScaling?: AutoScaling;
  /** An internal load balancer callers reach the tier through (`{ ref: tiers.<name>.url }`). */
  internalLoadBalancer?: InternalLoadBalancer;
  /** True when its environment refers to the database secret, so its role may read it. */
  readsDatabaseSecret: boolean;
  source: string;
}

/** A scheduled change of an Auto Scaling group's size (cron in UTC). */
export interface ScheduledAction {
  logicalId: string;
  name: string;
  recurrence: string;
  minSize?: number;
  maxSize?: number;
  desiredCapacity?: number;
  source: string;
}

/** How an auto-scaled tier sizes itself and rolls out a change. */
export interface AutoScaling {
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  targetCpuPercent?: number;
  schedules: ScheduledAction[];
  /** Instances replaced at a time by a rolling update. */
  maxBatchSize: number;
  /** Instances kept in service during a rolling update (at least 1). */
  minInstancesInService: number;
  source: string;
}

/** An internal Application Load Balancer in front of a tier, in the tier's own subnets. */
export interface InternalLoadBalancer {
  /** e.g. `BackendLoadBalancer`. */
  logicalId: string;
  subnetGroup: string;
  /** Name of the security group strata makes for it (callers → it → the tier). */
  securityGroup: string;
  idleTimeoutSeconds: number;
  listener: Listener;
  targetGroup: TargetGroup;
  source: string;
}

/** The RDS instance. */
export interface Database {
  engine: 'mysql';
  engineVersion: string;
  instanceClass: string;
  storage: { sizeGiB: number; type: string; encrypted: boolean };
  backupRetentionDays: number;
  multiAz: boolean;
  name: string;
  username: string;
  port: number;
  subnetGroup: string;
  securityGroup: string;
  deletionProtection: boolean;
  deletionPolicy: 'Snapshot' | 'Retain' | 'Delete';
  /** Refuse connections without TLS (`require_secure_transport`); the backend verifies the server. */
  requireTls: boolean;
  /** Snapshot identifier or ARN to create the instance from; `true`: named at deploy time. */
  restoreFromSnapshot?: string | true;
  source: string;
}

/** A health check of a target group. */
export interface HealthCheck {
  path: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  matcher: string;
}

/** A target group: one tier on one port. */
export interface TargetGroup {
  logicalId: string;
  tier: string;
  port: number;
  protocol: 'HTTP' | 'HTTPS';
  healthCheck: HealthCheck;
  source: string;
}

/** A listener of the load balancer. */
export interface Listener {
  logicalId: string;
  port: number;
  protocol: 'HTTP' | 'HTTPS';
  certificateArn?: string;
  /** The certificate is the one strata creates (certificate layer), not an ARN. */
  managedCertificate?: boolean;
  /** Forward to the target group, or answer with a 301 to HTTPS on port 443. */
  action: 'forward' | 'redirect';
  targetGroup: string;
  source: string;
}

/** HTTPS for the site: a certificate (created, or an ARN), a DNS name, a TLS policy. */
export interface Https {
  domain: string;
  hostedZoneId?: string;
  certificateArn?: string;
  sslPolicy: string;
  source: string;
}

/** The WAF web ACL in front of the load balancer. */
export interface Waf {
  rateLimitPer5Min: number;
  source: string;
}

/** The Application Load Balancer. */
export interface LoadBalancer {
  scheme: 'internet-facing' | 'internal';
  subnetGroup: string;
  securityGroup: string;
  idleTimeoutSeconds: number;
  https?: Https;
  waf?: Waf;
  listeners: Listener[];
  targetGroups: TargetGroup[];
  source: string;
}

/** The alarms strata knows, by the name `monitoring.alarms.<name>` overrides. */
export type AlarmName =
  | 'ec2Cpu'
  | 'ec2NetworkIn'
  | 'ec2NetworkOut'
  | 'ec2DiskRead'
  | 'ec2DiskWrite'
  | 'ec2StatusCheck'
  | 'rdsCpu'
  | 'rdsConnections'
  | 'rdsFreeStorage'
  | 'rdsReadIops'
  | 'rdsWriteIops'
  | 'albRequestCount'
  | 'albTargetResponseTime'
  | 'alb4xx'
  | 'alb5xx'
  | 'albHealthyHosts'
  | 'albUnhealthyHosts';

/** What a topology changes of one alarm; the rest comes from the alarm's default. */
export interface AlarmOverride {
  enabled?: boolean;
  threshold?: number;
  periodSeconds?: number;
  evaluationPeriods?: number;
}

/** Alarms, dashboard, notifications and logs. */
export interface Monitoring {
  notify: string[];
  alarms: Partial<Record<AlarmName, AlarmOverride>>;
  logRetentionDays: number;
  dashboard: boolean;
  source: string;
}

/** The whole normalised topology. */
export interface Model {
  name: string;
  region: string;
  /** The environment rendered (`prod`), absent for the base topology. */
  environment?: string;
  /** AWS account the stacks must deploy to, when pinned. */
  account?: string;
  /** Path of the topology file, as given to the generator. */
  specFile: string;
  tags: Array<{ key: string; value: string }>;
  network: Network;
  securityGroups: SecurityGroup[];
  iam: { statements: PolicyStatement[]; managedPolicies: string[] };
  tiers: Tier[];
  database?: Database;
  loadBalancer?: LoadBalancer;
  monitoring?: Monitoring;
  terminationProtection: boolean;
  suppressions: Array<{ rule: string; resource?: string; reason: string }>;
  /** Usage assumptions of `strata cost`. */
  cost: CostSettings;
}
